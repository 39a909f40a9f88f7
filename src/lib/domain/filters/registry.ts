/**
 * The filter registry: one descriptor per filter, the only place that knows a filter's URL names, French
 * words, values, how a record holds it, its code in the map's compact points and where it is offered.
 * The API, the annuaire, the map and the funding list iterate over these descriptors with the generic code
 * of this folder (values.ts, url.ts, match.ts, facets.ts); none of them names a filter.
 *
 * Names: `param` is the canonical URL parameter, in French as the annuaire writes it; it is accepted on
 * every surface that offers the filter. Aliases are the other names that existed before the registry
 * (the API's English names, the map's `lieu`), still accepted where they were so shared links keep working,
 * never written. README "Filters" lists them (generated from here, checked by docs.test.ts).
 *
 * Adding a filter is one descriptor here and a line in registry.test.ts (see `sector`, the first filter
 * added to a surface this way: the annuaire's « Secteur » facet).
 */
import { isOpenNow } from '../funding/tool';
import type { PublicRecord, RecordKind } from '../records';
import {
	APPROVALS,
	AUDIENCES,
	AVAILABILITIES,
	ESS_FAMILIES,
	FISCAL_STATUSES,
	FUNDING_TYPES,
	INITIATIVE_TYPES,
	LEGAL_FORMS,
	NEEDS,
	PURPOSES,
	ROLES,
	SECTORS,
	STAGES,
	TERRITORIES,
	legalForm,
	type Term
} from '../taxonomies';
import type { Alias, FilterDescriptor, FilterValue, ReadContext, Surface, ValueSource } from './types';

type RecordOf<K extends RecordKind> = Extract<PublicRecord, { kind: K }>;
type Read<R extends RecordKind> = (
	record: RecordOf<R>,
	context?: ReadContext
) => readonly string[] | string | undefined;

interface Input<K extends string, R extends RecordKind, O extends FilterDescriptor['on']> extends Omit<
	FilterDescriptor<K>,
	'kinds' | 'read' | 'aliases' | 'on'
> {
	kinds: readonly R[];
	aliases?: readonly Alias[];
	read: Read<R>;
	on: O;
}

const NONE: readonly string[] = [];

/** A descriptor whose `read` sees only records of its kinds (and gives nothing for the others). */
function define<K extends string, R extends RecordKind, O extends FilterDescriptor['on']>(
	d: Input<K, R, O>
): FilterDescriptor<K> & { on: O } {
	const kinds: readonly RecordKind[] = d.kinds;
	const read = (record: PublicRecord, context?: ReadContext): readonly string[] => {
		if (!kinds.includes(record.kind)) return NONE;
		const v = d.read(record as RecordOf<R>, context);
		return v === undefined ? NONE : typeof v === 'string' ? [v] : v;
	};
	return { ...d, aliases: d.aliases ?? [], kinds, read };
}

const terms = (list: readonly Term[]): ValueSource => ({
	from: 'taxonomy',
	values: list.map((t): FilterValue => ({ code: t.code, label: t.label }))
});
/** The name the read API used for this filter before it had a French one. */
const api = (name: string, kinds?: readonly RecordKind[]): Alias => ({ name, surfaces: ['api'], kinds });

const PLACES = ['organisation', 'initiative'] as const;
const ALL_KINDS = ['organisation', 'initiative', 'funding-tool'] as const;

export const FILTERS = [
	define({
		key: 'kind',
		param: 'kind',
		label: 'Type de fiche',
		word: 'type de fiche',
		kinds: ALL_KINDS,
		source: {
			from: 'taxonomy',
			values: [
				{ code: 'organisation', label: 'Structures' },
				{ code: 'initiative', label: 'Initiatives' },
				{ code: 'funding-tool', label: 'Financements' }
			]
		},
		read: (r) => r.kind,
		single: true,
		on: { annuaire: { tabs: { anyLabel: 'Tout', clearLabel: 'Tous les types de fiche' } } }
	}),
	define({
		key: 'role',
		param: 'role',
		label: 'Rôle',
		word: 'rôle',
		kinds: ['organisation'],
		source: terms(ROLES),
		read: (o) => o.roles,
		mapCode: { prefix: 'r' },
		on: { api: ['organisation'] }
	}),
	define({
		key: 'family',
		param: 'famille',
		aliases: [api('family')],
		label: 'Famille de l’ESS',
		word: 'famille',
		kinds: ['organisation'],
		source: terms(ESS_FAMILIES),
		read: (o) => legalForm(o.legalForm).family,
		on: { api: ['organisation'], annuaire: {} }
	}),
	define({
		key: 'legalForm',
		param: 'forme',
		aliases: [api('legalForm')],
		label: 'Forme juridique',
		word: 'forme juridique',
		kinds: ['organisation'],
		source: terms(LEGAL_FORMS),
		read: (o) => o.legalForm,
		on: { api: ['organisation'], annuaire: {} }
	}),
	define({
		key: 'approval',
		param: 'agrement',
		aliases: [api('approval')],
		label: 'Agréments',
		word: 'agrément',
		kinds: ['organisation'],
		source: terms(APPROVALS),
		read: (o) => o.approvals,
		on: { api: ['organisation'], annuaire: {} }
	}),
	define({
		key: 'fiscal',
		param: 'statut-fiscal',
		aliases: [api('fiscal')],
		label: 'Statut fiscal',
		word: 'statut fiscal',
		kinds: ['organisation'],
		source: terms(FISCAL_STATUSES),
		read: (o) => o.fiscalStatus,
		on: { api: ['organisation'] }
	}),
	define({
		key: 'thematique',
		param: 'thematique',
		label: 'Thématique',
		word: 'thématique',
		kinds: ALL_KINDS,
		source: { from: 'thematiques' },
		read: (r) => r.thematiques,
		mapCode: { prefix: 't' },
		on: {
			api: ALL_KINDS,
			annuaire: {},
			map: { anyLabel: 'Toutes', rank: 1 },
			funding: { anyLabel: 'Toutes', rank: 2 }
		}
	}),
	define({
		key: 'sector',
		param: 'secteur',
		aliases: [api('sector')],
		label: 'Secteur',
		word: 'secteur',
		kinds: PLACES,
		source: terms(SECTORS),
		read: (r) => r.sectors,
		mapCode: { prefix: 's' },
		on: { api: PLACES, annuaire: {}, map: { anyLabel: 'Tous', rank: 2 } }
	}),
	define({
		key: 'commune',
		param: 'commune',
		label: 'Commune',
		word: 'commune',
		hint: 'code INSEE ou slug attendu',
		kinds: PLACES,
		source: { from: 'communes' },
		read: (r) => r.communeCode,
		mapCode: { prefix: 'c' },
		on: { api: PLACES, annuaire: {}, map: { param: 'lieu', optgroup: 'Communes', rank: 4 } }
	}),
	define({
		key: 'quartier',
		param: 'quartier',
		label: 'Quartier de Strasbourg',
		word: 'quartier',
		hint: 'SQ_01 à SQ_10 ou slug attendu',
		kinds: PLACES,
		source: { from: 'quartiers' },
		read: (r) => r.quartierCode,
		mapCode: { prefix: 'q' },
		on: {
			api: PLACES,
			annuaire: {},
			// The map's one select for places: quartiers first, communes after, both written as `lieu`.
			map: {
				param: 'lieu',
				label: 'Commune ou quartier',
				anyLabel: 'Toute l’Eurométropole',
				optgroup: 'Quartiers de Strasbourg',
				rank: 3
			}
		}
	}),
	define({
		key: 'qpv',
		param: 'qpv',
		label: 'Quartier prioritaire (QPV)',
		word: 'QPV',
		kinds: PLACES,
		source: { from: 'qpv' },
		read: (r) => r.qpv,
		on: { api: PLACES }
	}),
	define({
		key: 'ess',
		param: 'ess',
		label: 'Économie sociale et solidaire',
		word: 'ESS',
		hint: 'valeur attendue : true ou false',
		kinds: PLACES,
		source: {
			from: 'taxonomy',
			values: [
				{ code: 'true', label: 'De l’ESS' },
				{ code: 'false', label: 'Hors de l’ESS' }
			]
		},
		read: (r) => String(r.isEss),
		single: true,
		mapCode: { prefix: 'e', encode: (v) => (v === 'true' ? '1' : '0') },
		on: { api: PLACES }
	}),
	define({
		key: 'initiativeType',
		param: 'type-initiative',
		// For initiatives the API said `type`, which is the funding type everywhere else.
		aliases: [api('type', ['initiative'])],
		label: 'Type d’initiative',
		word: "type d'initiative",
		kinds: ['initiative'],
		source: terms(INITIATIVE_TYPES),
		read: (i) => i.initiativeType,
		mapCode: { prefix: 'y' },
		on: { api: ['initiative'], annuaire: {} }
	}),
	define({
		key: 'need',
		param: 'besoin',
		aliases: [api('need')],
		label: 'Besoins',
		word: 'besoin',
		kinds: ['initiative'],
		source: terms(NEEDS),
		read: (i) => i.needs,
		on: { api: ['initiative'] }
	}),
	define({
		key: 'fundingType',
		param: 'type',
		label: 'Type de financement',
		word: 'type de financement',
		kinds: ['funding-tool'],
		source: terms(FUNDING_TYPES),
		read: (t) => t.types,
		on: { api: ['funding-tool'], annuaire: {}, funding: { anyLabel: 'Tous', rank: 1 } }
	}),
	define({
		key: 'stage',
		param: 'stade',
		aliases: [api('stage')],
		label: 'Stade du projet',
		word: 'stade',
		kinds: ['funding-tool'],
		source: terms(STAGES),
		read: (t) => t.stages,
		on: { api: ['funding-tool'], annuaire: {} }
	}),
	define({
		key: 'audience',
		param: 'public',
		aliases: [api('audience')],
		label: 'Public',
		word: 'public',
		kinds: ['funding-tool'],
		source: terms(AUDIENCES),
		read: (t) => t.eligibility.audiences,
		on: { api: ['funding-tool'] }
	}),
	define({
		key: 'territory',
		// Not `territoire`: on /financements that is where the project is, not the tool's perimeter.
		param: 'perimetre',
		aliases: [api('territory')],
		label: 'Périmètre',
		word: 'territoire',
		kinds: ['funding-tool'],
		source: terms(TERRITORIES),
		read: (t) => t.territory,
		on: { api: ['funding-tool'] }
	}),
	define({
		key: 'availability',
		param: 'disponibilite',
		aliases: [api('availability')],
		label: 'Disponibilité',
		word: 'disponibilité',
		kinds: ['funding-tool'],
		source: terms(AVAILABILITIES),
		read: (t) => t.availability,
		on: { api: ['funding-tool'] }
	}),
	define({
		key: 'purpose',
		// Not `besoin`: that is an initiative's needs, and the finder's question on /financements.
		param: 'objet',
		aliases: [api('purpose')],
		label: 'Objet du financement',
		word: 'objet du financement',
		kinds: ['funding-tool'],
		source: terms(PURPOSES),
		read: (t) => t.purposes,
		on: { api: ['funding-tool'] }
	}),
	define({
		key: 'provider',
		param: 'financeur',
		aliases: [api('provider')],
		label: 'Financeur ou accompagnateur',
		word: 'financeur',
		kinds: ['funding-tool'],
		source: {
			from: 'pattern',
			pattern: /^[a-z0-9-]{2,80}$/,
			invalid: 'identifiant de financeur invalide',
			example: 'france-active-alsace'
		},
		read: (t) => t.providerIds,
		on: { api: ['funding-tool'] }
	}),
	define({
		key: 'open',
		param: 'ouvert',
		label: 'Ouverts aujourd’hui',
		word: 'ouvert',
		hint: 'valeur attendue « oui » ou « non »',
		kinds: ['funding-tool'],
		source: {
			from: 'taxonomy',
			values: [{ code: 'oui', label: 'Ouverts aujourd’hui seulement', also: ['true', '1'] }]
		},
		neutral: ['non', 'false', '0'],
		read: (t, context) => (isOpenNow(t, context?.now) ? 'oui' : undefined),
		single: true,
		on: { funding: { checkbox: 'Ouverts aujourd’hui seulement', rank: 3 } }
	})
] as const;

type Registered = (typeof FILTERS)[number];
export type FilterKey = Registered['key'];
/** Keys of the filters offered on a surface. */
export type KeyOn<S extends Surface> = Extract<Registered, { on: Record<S, unknown> }>['key'];

const byKey = new Map<string, FilterDescriptor>(FILTERS.map((d) => [d.key, d]));

export function filterOf(key: FilterKey): FilterDescriptor<FilterKey> {
	return byKey.get(key) as FilterDescriptor<FilterKey>;
}

/** Descriptors offered on a surface (for the API, on this kind of record), in registry order. */
export function filtersOn<S extends Surface>(surface: S, kind?: RecordKind): FilterDescriptor<KeyOn<S>>[] {
	return (FILTERS as readonly FilterDescriptor[]).filter((d) => {
		if (surface === 'api') return kind ? (d.on.api?.includes(kind) ?? false) : d.on.api !== undefined;
		return d.on[surface] !== undefined && (!kind || d.kinds.includes(kind));
	}) as FilterDescriptor<KeyOn<S>>[];
}
