/**
 * The one shape of form errors, shared by the admin forms, the public proposal forms and the funding
 * finder: the input's name (a dotted path such as `place.address`) -> one French message, and `_form` for
 * what belongs to no field. Insertion order is kept; summaries sort by the form's order.
 */
import type { z } from 'zod';

export type FieldErrors = Record<string, string>;

/** The key of an error that belongs to the whole form. */
export const FORM_ERROR = '_form';

/** zod issues -> { 'place.address': 'message' }, the first message of each path. */
export function zodErrors(error: z.ZodError): FieldErrors {
	const errors: FieldErrors = {};
	for (const issue of error.issues) errors[issue.path.map(String).join('.') || FORM_ERROR] ??= issue.message;
	return errors;
}

/** A list of `{ field, message }` (the funding finder's, the cross-checks') in the same shape. */
export function errorsByField(list: readonly { field: string; message: string }[]): FieldErrors {
	const errors: FieldErrors = {};
	for (const e of list) errors[e.field] ??= e.message;
	return errors;
}
