import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorsByField, zodErrors } from './errors';

describe('form errors', () => {
	it('keep the first message of each field, and `_form` for the whole form', () => {
		const schema = z
			.object({ a: z.string().min(3, { error: 'trop court' }).regex(/x/, { error: 'sans x' }) })
			.refine(() => false, { error: 'incohérent' });
		const result = schema.safeParse({ a: 'b' });
		expect(zodErrors(result.error!)).toEqual({ a: 'trop court', _form: 'incohérent' });
		expect(zodErrors(schema.safeParse({ a: 'bxxx' }).error!)).toEqual({ _form: 'incohérent' });
	});

	it('read a list of { field, message } in the same shape', () => {
		expect(
			errorsByField([
				{ field: 'montant', message: 'nombre attendu' },
				{ field: 'montant', message: 'autre' },
				{ field: 'stade', message: 'stade inconnu' }
			])
		).toEqual({ montant: 'nombre attendu', stade: 'stade inconnu' });
	});
});
