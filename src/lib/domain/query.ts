import { z } from 'zod';
import type { Commune, Qpv, Quartier, Thematique } from './geography';
import { legalForm } from './taxonomies';
import {
	APPROVAL_CODES,
	AUDIENCE_CODES,
	AVAILABILITY_CODES,
	ESS_FAMILY_CODES,
	FISCAL_STATUS_CODES,
	FUNDING_TYPE_CODES,
	INITIATIVE_TYPE_CODES,
	LEGAL_FORM_CODES,
	NEED_CODES,
	PURPOSE_CODES,
	ROLE_CODES,
	SECTOR_CODES,
	STAGE_CODES,
	TERRITORY_CODES
} from './taxonomies';
import type { FundingTool, Initiative, Organisation, PublicRecord, RecordKind } from './records';

/** Reference lists a query is checked against (unknown quartier or thématique codes are errors, not empty results). */
export interface Geo {
	communes: Commune[];
	quartiers: Quartier[];
	qpv: Qpv[];
	thematiques: Thematique[];
}

export interface ListFilters {
	commune?: string[];
	quartier?: string[];
	thematique?: string[];
	sector?: string[];
	qpv?: string[];
	ess?: boolean;
	role?: string[];
	family?: string[];
	legalForm?: string[];
	approval?: string[];
	fiscal?: string[];
	type?: string[];
	need?: string[];
	stage?: string[];
	audience?: string[];
	territory?: string[];
	availability?: string[];
	purpose?: string[];
	provider?: string[];
}

export interface ListQuery {
	filters: ListFilters;
	limit: number;
	offset: number;
}

export interface QueryError {
	parameter: string;
	message: string;
}

const enumList = (values: readonly [string, ...string[]], what: string) =>
	z.array(
		z.enum(values as [string, ...string[]], {
			error: (iss) => `${what} inconnu(e) : « ${String(iss.input)} »`
		})
	);

const boolParam = z.array(z.enum(['true', 'false'], { error: 'valeur attendue : true ou false' })).max(1);

/** Parameters accepted by each collection; everything else is refused with a 400 that names it. */
function filterSchemas(kind: RecordKind, geo: Geo) {
	const commune = z.array(
		z
			.string()
			.refine((v) => geo.communes.some((c) => c.code === v || c.slug === v), {
				error: (iss) => `commune inconnue : « ${String(iss.input)} » (code INSEE ou slug attendu)`
			})
			.transform((v) => geo.communes.find((c) => c.code === v || c.slug === v)!.code)
	);
	const quartier = z.array(
		z
			.string()
			.refine((v) => geo.quartiers.some((q) => q.code === v || q.slug === v), {
				error: (iss) => `quartier inconnu : « ${String(iss.input)} » (SQ_01 à SQ_10 ou slug attendu)`
			})
			.transform((v) => geo.quartiers.find((q) => q.code === v || q.slug === v)!.code)
	);
	const thematique = z.array(
		z.string().refine((v) => geo.thematiques.some((t) => t.code === v), {
			error: (iss) => `thématique inconnue : « ${String(iss.input)} »`
		})
	);
	const qpv = z.array(
		z.string().refine((v) => geo.qpv.some((q) => q.slug === v), {
			error: (iss) => `QPV inconnu : « ${String(iss.input)} »`
		})
	);
	const common = { thematique };
	if (kind === 'organisation') {
		return {
			...common,
			commune,
			quartier,
			qpv,
			sector: enumList(SECTOR_CODES, 'secteur'),
			ess: boolParam,
			role: enumList(ROLE_CODES, 'rôle'),
			family: enumList(ESS_FAMILY_CODES, 'famille'),
			legalForm: enumList(LEGAL_FORM_CODES, 'forme juridique'),
			approval: enumList(APPROVAL_CODES, 'agrément'),
			fiscal: enumList(FISCAL_STATUS_CODES, 'statut fiscal')
		};
	}
	if (kind === 'initiative') {
		return {
			...common,
			commune,
			quartier,
			qpv,
			sector: enumList(SECTOR_CODES, 'secteur'),
			ess: boolParam,
			type: enumList(INITIATIVE_TYPE_CODES, "type d'initiative"),
			need: enumList(NEED_CODES, 'besoin')
		};
	}
	return {
		...common,
		type: enumList(FUNDING_TYPE_CODES, 'type de financement'),
		stage: enumList(STAGE_CODES, 'stade'),
		audience: enumList(AUDIENCE_CODES, 'public'),
		territory: enumList(TERRITORY_CODES, 'territoire'),
		availability: enumList(AVAILABILITY_CODES, 'disponibilité'),
		purpose: enumList(PURPOSE_CODES, 'besoin'),
		provider: z.array(z.string().regex(/^[a-z0-9-]{2,80}$/, { error: 'identifiant de financeur invalide' }))
	};
}

const limitSchema = z.coerce
	.number({ error: 'nombre entier attendu' })
	.int({ error: 'nombre entier attendu' })
	.min(1, { error: 'au moins 1' })
	.max(1000, { error: 'au plus 1000' });
const offsetSchema = z.coerce
	.number({ error: 'nombre entier attendu' })
	.int({ error: 'nombre entier attendu' })
	.min(0, { error: 'ne peut pas être négatif' })
	.max(1_000_000, { error: 'trop grand' });

/**
 * Parses a list query string. Repeated parameters and comma-separated values both mean "any of".
 * Never throws: the first problem is returned with the parameter's name.
 */
export function parseListQuery(
	kind: RecordKind,
	params: URLSearchParams,
	geo: Geo,
	extra: readonly string[] = []
): { ok: true; query: ListQuery } | { ok: false; error: QueryError } {
	const schemas = filterSchemas(kind, geo) as Record<string, z.ZodType>;
	const filters: Record<string, unknown> = {};
	let limit = 100;
	let offset = 0;
	for (const key of new Set(params.keys())) {
		const values = params
			.getAll(key)
			.flatMap((v) => v.split(','))
			.map((v) => v.trim())
			.filter((v) => v !== '');
		if (key === 'limit' || key === 'offset') {
			if (params.getAll(key).length > 1)
				return { ok: false, error: { parameter: key, message: 'donné plusieurs fois' } };
			const parsed = (key === 'limit' ? limitSchema : offsetSchema).safeParse(params.get(key));
			if (!parsed.success)
				return { ok: false, error: { parameter: key, message: parsed.error.issues[0].message } };
			if (key === 'limit') limit = parsed.data;
			else offset = parsed.data;
			continue;
		}
		if (extra.includes(key)) continue;
		const schema = schemas[key];
		if (!schema) {
			const allowed = [...Object.keys(schemas), 'limit', 'offset', ...extra].sort().join(', ');
			return {
				ok: false,
				error: { parameter: key, message: `paramètre inconnu ; paramètres acceptés : ${allowed}` }
			};
		}
		if (values.length === 0) continue;
		const parsed = schema.safeParse(values);
		if (!parsed.success)
			return { ok: false, error: { parameter: key, message: parsed.error.issues[0].message } };
		filters[key] = key === 'ess' ? (parsed.data as string[])[0] === 'true' : parsed.data;
	}
	return { ok: true, query: { filters: filters as ListFilters, limit, offset } };
}

const anyOf = (wanted: string[] | undefined, have: readonly string[] | string | undefined) => {
	if (!wanted || wanted.length === 0) return true;
	if (have === undefined) return false;
	const list = typeof have === 'string' ? [have] : have;
	return wanted.some((w) => list.includes(w));
};

/** True when the record passes every filter (values within a filter are alternatives). */
export function matchesFilters(record: PublicRecord, f: ListFilters): boolean {
	if (!anyOf(f.thematique, record.thematiques)) return false;
	if (record.kind === 'funding-tool') return matchesTool(record, f);
	if (!anyOf(f.commune, record.communeCode)) return false;
	if (!anyOf(f.quartier, record.quartierCode)) return false;
	if (!anyOf(f.qpv, record.qpv)) return false;
	if (!anyOf(f.sector, record.sectors)) return false;
	if (f.ess !== undefined && record.isEss !== f.ess) return false;
	if (record.kind === 'organisation') return matchesOrganisation(record, f);
	return matchesInitiative(record, f);
}

function matchesOrganisation(o: Organisation, f: ListFilters): boolean {
	return (
		anyOf(f.role, o.roles) &&
		anyOf(f.family, legalForm(o.legalForm).family) &&
		anyOf(f.legalForm, o.legalForm) &&
		anyOf(f.approval, o.approvals) &&
		anyOf(f.fiscal, o.fiscalStatus)
	);
}

function matchesInitiative(i: Initiative, f: ListFilters): boolean {
	return anyOf(f.type, i.initiativeType) && anyOf(f.need, i.needs);
}

function matchesTool(t: FundingTool, f: ListFilters): boolean {
	return (
		anyOf(f.type, t.types) &&
		anyOf(f.stage, t.stages) &&
		anyOf(f.audience, t.eligibility.audiences) &&
		anyOf(f.territory, t.territory) &&
		anyOf(f.availability, t.availability) &&
		anyOf(f.purpose, t.purposes) &&
		anyOf(f.provider, t.providerIds)
	);
}

export function applyListQuery<T extends PublicRecord>(
	records: T[],
	query: ListQuery
): { total: number; items: T[] } {
	const matching = records.filter((r) => matchesFilters(r, query.filters));
	return { total: matching.length, items: matching.slice(query.offset, query.offset + query.limit) };
}
