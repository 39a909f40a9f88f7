/**
 * Reading the finder's profile from its URL (profile.ts has the profile and its writer): on the server, with
 * zod, apart from the writer that every page's links use.
 */
import { z } from 'zod';
import { labelOf, AUDIENCE_CODES, LEGAL_FORM_CODES, PURPOSE_CODES, STAGE_CODES } from '../taxonomies';
import {
	FINDER_PARAMS,
	formsFor,
	resolveTerritory,
	single,
	type FieldError,
	type FieldErrorCode,
	type FinderGeo,
	type FinderParam,
	type FinderProfile,
	type ParsedFinder
} from './profile';

const MONTANT_ERRORS = {
	format: 'montant invalide : indiquez un nombre entier d’euros, par exemple 20000',
	min: 'montant invalide : il doit être d’au moins 1 €',
	max: 'montant invalide : 100 millions d’euros au plus'
} as const;

/** "20000", "20 000", "20 000 €", "20000€": a whole number of euros. */
const montantSchema = z
	.string()
	.transform((s) => s.replace(/[\s\u00a0\u202f]/g, '').replace(/(?:€|euros?)$/i, ''))
	.pipe(
		z
			.string()
			.regex(/^\d+$/, { error: MONTANT_ERRORS.format })
			.transform(Number)
			.pipe(z.number().min(1, { error: MONTANT_ERRORS.min }).max(100_000_000, { error: MONTANT_ERRORS.max }))
	);

const structureSchema = z.enum(AUDIENCE_CODES, {
	error: (iss) =>
		`structure inconnue : « ${String(iss.input)} » ; valeurs possibles : association, fiscalisee ou porteur`
});
const formeSchema = z.enum(LEGAL_FORM_CODES, {
	error: (iss) => `forme juridique inconnue : « ${String(iss.input)} »`
});
const stadeSchema = z.enum(STAGE_CODES, {
	error: (iss) => `stade inconnu : « ${String(iss.input)} » ; valeurs possibles : ${STAGE_CODES.join(', ')}`
});
const besoinSchema = z.enum(PURPOSE_CODES, {
	error: (iss) =>
		`besoin inconnu : « ${String(iss.input)} » ; valeurs possibles : ${PURPOSE_CODES.join(', ')}`
});

/**
 * Reads the finder's profile from the query string. Never throws: every bad value becomes a French message
 * attached to its field. Unknown parameters are ignored (links may carry tracking parameters).
 */
export function parseFinderParams(params: URLSearchParams, geo: FinderGeo): ParsedFinder {
	const errors: FieldError[] = [];
	const values: Partial<Record<FinderParam, string>> = {};
	const profile: FinderProfile = {};
	for (const key of FINDER_PARAMS) {
		const v = single(params, key, errors);
		if (v !== undefined) values[key] = v;
	}
	const take = <T>(key: FinderParam, schema: z.ZodType<T>): T | undefined => {
		const v = values[key];
		if (v === undefined) return undefined;
		const parsed = schema.safeParse(v);
		if (parsed.success) return parsed.data;
		const message = parsed.error.issues[0].message;
		const code: FieldErrorCode =
			key !== 'montant'
				? 'unknown-value'
				: message === MONTANT_ERRORS.min
					? 'montant-min'
					: message === MONTANT_ERRORS.max
						? 'montant-max'
						: 'montant-format';
		errors.push({ field: key, message, code, input: v });
		return undefined;
	};
	profile.structure = take('structure', structureSchema);
	profile.forme = take('forme', formeSchema);
	profile.stade = take('stade', stadeSchema);
	profile.montant = take('montant', montantSchema);
	profile.besoin = take('besoin', besoinSchema);
	if (values.territoire !== undefined) {
		const t = resolveTerritory(values.territoire, geo);
		if (t) profile.territoire = t;
		else
			errors.push({
				field: 'territoire',
				message: `territoire inconnu : « ${values.territoire} » ; choisissez une commune de l’Eurométropole, un QPV, « hors-ems » ou un code INSEE`,
				code: 'unknown-value',
				input: values.territoire
			});
	}
	if (profile.forme && profile.structure === 'porteur') {
		errors.push({
			field: 'forme',
			message:
				'un porteur de projet sans structure n’a pas encore de forme juridique : laissez ce champ vide',
			code: 'forme-porteur'
		});
		profile.forme = undefined;
	} else if (
		profile.forme &&
		profile.structure === 'association' &&
		!formsFor('association').includes(profile.forme)
	) {
		errors.push({
			field: 'forme',
			message: `une association non fiscalisée ne peut pas avoir la forme « ${labelOf('legalForm', profile.forme)} » : choisissez « structure fiscalisée » ou une forme d’association`,
			code: 'forme-association',
			input: profile.forme
		});
		profile.forme = undefined;
	}
	for (const key of Object.keys(profile) as (keyof FinderProfile)[])
		if (profile[key] === undefined) delete profile[key];
	// A submitted form counts as answered even when every answer is left blank: it then lists every tool.
	return { profile, errors, values, answered: FINDER_PARAMS.some((k) => params.has(k)) };
}
