/**
 * Reading /creer's profile from its URL (profile.ts has the profile and its writer): on the server, with zod,
 * apart from the writer that every page's links use.
 */
import { z } from 'zod';
import { resolveTerritory, single, type FieldError, type FinderGeo } from '../funding/profile';
import { PROJECT_KIND_CODES } from '../taxonomies';
import {
	CREATE_PARAMS,
	CREATE_STAGE_CODES,
	SUPPORT_NEED_CODES,
	type CreateProfile,
	type ParsedCreate,
	type SupportNeed
} from './profile';

const projetSchema = z.enum(PROJECT_KIND_CODES, {
	error: (iss) =>
		`type de projet inconnu : « ${String(iss.input)} » ; valeurs possibles : ${PROJECT_KIND_CODES.join(', ')}`
});
const stadeSchema = z.enum(CREATE_STAGE_CODES, {
	error: (iss) =>
		`stade inconnu : « ${String(iss.input)} » ; valeurs possibles : ${CREATE_STAGE_CODES.join(', ')}`
});
const besoinSchema = z.enum(SUPPORT_NEED_CODES, {
	error: (iss) =>
		`besoin inconnu : « ${String(iss.input)} » ; valeurs possibles : ${SUPPORT_NEED_CODES.join(', ')}`
});

/** Reads /creer's parameters. Never throws; unknown parameters are ignored (tracking parameters...). */
export function parseCreateParams(params: URLSearchParams, geo: FinderGeo): ParsedCreate {
	const errors: FieldError[] = [];
	const values: ParsedCreate['values'] = { besoin: [] };
	const profile: CreateProfile = { besoins: [] };
	const projet = single(params, 'projet', errors);
	const stade = single(params, 'stade', errors);
	const territoire = single(params, 'territoire', errors);
	if (projet !== undefined) {
		values.projet = projet;
		const r = projetSchema.safeParse(projet);
		if (r.success) profile.projet = r.data;
		else
			errors.push({
				field: 'projet',
				message: r.error.issues[0].message,
				code: 'unknown-value',
				input: projet
			});
	}
	if (stade !== undefined) {
		values.stade = stade;
		const r = stadeSchema.safeParse(stade);
		if (r.success) profile.stade = r.data;
		else
			errors.push({
				field: 'stade',
				message: r.error.issues[0].message,
				code: 'unknown-value',
				input: stade
			});
	}
	if (territoire !== undefined) {
		values.territoire = territoire;
		const t = resolveTerritory(territoire, geo);
		if (t) profile.territoire = t;
		else
			errors.push({
				field: 'territoire',
				message: `territoire inconnu : « ${territoire} » ; choisissez une commune de l’Eurométropole, un QPV, « hors-ems » ou un code INSEE`,
				code: 'unknown-value',
				input: territoire
			});
	}
	const raw = params
		.getAll('besoin')
		.flatMap((v) => v.split(','))
		.map((v) => v.trim())
		.filter((v) => v !== '');
	values.besoin = raw;
	const needs = new Set<SupportNeed>();
	for (const v of raw) {
		const r = besoinSchema.safeParse(v);
		if (r.success) needs.add(r.data);
		else
			errors.push({ field: 'besoin', message: r.error.issues[0].message, code: 'unknown-value', input: v });
	}
	profile.besoins = SUPPORT_NEED_CODES.filter((c) => needs.has(c));
	return { profile, errors, values, answered: CREATE_PARAMS.some((k) => params.has(k)) };
}
