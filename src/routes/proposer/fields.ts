import { fieldId } from '$lib/components/field-id';

export { fieldId };

/** aria-describedby for a field: its hint and its error, when present. */
export function describedBy(name: string, opts: { hint?: boolean; error?: string }): string | undefined {
	const id = fieldId(name);
	const ids = [opts.hint ? `${id}-aide` : '', opts.error ? `${id}-erreur` : ''].filter(Boolean);
	return ids.length ? ids.join(' ') : undefined;
}
