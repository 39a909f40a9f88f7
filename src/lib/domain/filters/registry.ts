/**
 * The filter registry: one descriptor per filter, the only place that knows a filter's URL names, French
 * words, values, how a record holds it, its code in the map's compact points and where it is offered.
 * The API, the annuaire, the map and the funding list iterate over these descriptors with the generic code
 * of this folder (values, url, match, facets, controls, map-codes); none of them names a filter.
 *
 * Names: `param` is the canonical URL parameter, in French as the annuaire writes it; it is accepted on
 * every surface that offers the filter. Aliases are the names the API had before (English, and `type` for
 * an initiative's type), still accepted there so shared links keep working, never written. The map writes
 * communes and quartiers under one parameter, `lieu` (`on.map.param`), and reads `commune` and `quartier`
 * too. README "Filters" lists them all (generated from here, checked by docs.test.ts).
 *
 * Adding a filter is one descriptor here and a line in registry.test.ts (see `sector`, the first filter
 * added to a surface this way: the annuaire's « Secteur » facet).
 */
import { ACTIVITY_FAMILIES } from '../activity-families';
import { LEGAL_BASES, basesOf } from '../buyers/bases';
import { supplierFamily } from '../buyers/supplier';
import { isOpenNow } from '../funding/tool';
import { SIZE_BANDS } from '../size-bands';
import type { Gender } from '../grammar';
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
	PLACE_TYPES,
	PROJECT_KINDS,
	PURPOSES,
	ROLES,
	SECTORS,
	SERVICE_TYPES,
	STAGES,
	SUPPORT_KINDS,
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

/** The kinds of record a filter applies to, and how it reads them. */
interface RecordReader {
	kinds: readonly RecordKind[];
	read: FilterDescriptor['read'];
}

const NONE: readonly string[] = [];

/** A reader for these kinds: it sees only their records, and gives nothing for the others. */
function reader<R extends RecordKind>(kinds: readonly R[]) {
	return (read: Read<R>): RecordReader => ({
		kinds,
		read: (record, context) => {
			if (!(kinds as readonly RecordKind[]).includes(record.kind)) return NONE;
			const v = read(record as RecordOf<R>, context);
			return v === undefined ? NONE : typeof v === 'string' ? [v] : v;
		}
	});
}

const PLACES = ['organisation', 'initiative'] as const;
const ALL_KINDS = ['organisation', 'initiative', 'funding-tool', 'place'] as const;
/** Records with a commune: organisations, initiatives and places to work, meet and try. */
const LOCATED = ['organisation', 'initiative', 'place'] as const;
// Events are read by the place and thématique filters (the agenda, the map's events layer and the API's
// /evenements use them); no annuaire tab lists them: the annuaire is a directory of actors, and the agenda
// is where events are browsed.
const located = reader([...LOCATED, 'event']);
/** The API's collections a commune, quartier or thématique filters: the located ones and the events. */
const API_LOCATED = [...LOCATED, 'event'] as const;
const anyRecord = reader(ALL_KINDS);
const place = reader(PLACES);
const organisation = reader(['organisation']);
const initiative = reader(['initiative']);
const tool = reader(['funding-tool']);
const placeKind = reader(['place']);

interface Input<K extends string, O extends FilterDescriptor['on']> extends Omit<
	FilterDescriptor<K>,
	'kinds' | 'read' | 'aliases' | 'word' | 'on'
> {
	/** The kinds it applies to and how it reads them: `organisation((o) => o.legalForm)`. */
	record: RecordReader;
	/** The label in lower case when not given. */
	word?: string;
	aliases?: readonly Alias[];
	on: O;
}

function define<K extends string, O extends FilterDescriptor['on']>({
	record,
	word,
	aliases,
	...d
}: Input<K, O>): FilterDescriptor<K> & { on: O } {
	return { ...d, word: word ?? d.label.toLowerCase(), aliases: aliases ?? [], ...record };
}

const terms = (list: readonly Term[]): ValueSource => ({
	from: 'taxonomy',
	values: list.map((t): FilterValue => ({ code: t.code, label: t.label }))
});
/** The name the read API used for this filter before it had a French one. */
const api = (name: string, kinds?: readonly RecordKind[]): Alias => ({ name, surfaces: ['api'], kinds });

/**
 * A filter only the API offers, with the values of one taxonomy, for the kinds `kinds` reads (`tool`...),
 * also under its key, the English name the API had.
 */
function apiOnly<K extends string, R extends RecordKind>(
	kinds: (read: Read<R>) => RecordReader,
	key: K,
	param: string,
	label: string,
	noun: { word?: string; gender: Gender },
	values: readonly Term[],
	read: Read<R>
) {
	const record = kinds(read);
	const source = terms(values);
	return define({
		key,
		param,
		aliases: [api(key)],
		label,
		...noun,
		source,
		record,
		on: { api: record.kinds }
	});
}

const M = { gender: 'm' } as const;
const F = { gender: 'f' } as const;

export const FILTERS = [
	define({
		key: 'kind',
		param: 'kind',
		label: 'Type de fiche',
		gender: 'm',
		source: {
			from: 'taxonomy',
			values: [
				{ code: 'organisation', label: 'Structures' },
				{ code: 'initiative', label: 'Initiatives' },
				{ code: 'funding-tool', label: 'Financements' },
				{ code: 'place', label: 'Lieux' }
			]
		},
		record: anyRecord((r) => r.kind),
		single: true,
		on: { annuaire: { tabs: { anyLabel: 'Tout', clearLabel: 'Tous les types de fiche' } } }
	}),
	define({
		key: 'role',
		param: 'role',
		label: 'Rôle',
		gender: 'm',
		source: terms(ROLES),
		record: organisation((o) => o.roles),
		mapCode: { prefix: 'r' },
		on: { api: ['organisation'] }
	}),
	define({
		key: 'family',
		param: 'famille',
		aliases: [api('family')],
		label: 'Famille de l’ESS',
		word: 'famille',
		gender: 'f',
		source: terms(ESS_FAMILIES),
		record: organisation((o) => legalForm(o.legalForm).family),
		on: { api: ['organisation'], annuaire: {} }
	}),
	define({
		key: 'legalForm',
		param: 'forme',
		aliases: [api('legalForm')],
		label: 'Forme juridique',
		gender: 'f',
		source: terms(LEGAL_FORMS),
		record: organisation((o) => o.legalForm),
		on: { api: ['organisation'], annuaire: {} }
	}),
	define({
		key: 'approval',
		param: 'agrement',
		aliases: [api('approval')],
		label: 'Agréments',
		word: 'agrément',
		gender: 'm',
		source: terms(APPROVALS),
		record: organisation((o) => o.approvals),
		on: { api: ['organisation'], annuaire: {} }
	}),
	define({
		key: 'thematique',
		param: 'thematique',
		label: 'Thématique',
		gender: 'f',
		source: { from: 'thematiques' },
		record: reader([...ALL_KINDS, 'event'])((r) => r.thematiques),
		mapCode: { prefix: 't' },
		on: {
			api: [...ALL_KINDS, 'event'],
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
		gender: 'm',
		source: terms(SECTORS),
		record: place((r) => r.sectors),
		mapCode: { prefix: 's' },
		on: { api: PLACES, annuaire: {}, map: { anyLabel: 'Tous', rank: 2 } }
	}),
	define({
		key: 'commune',
		param: 'commune',
		label: 'Commune',
		gender: 'f',
		hint: 'code INSEE ou slug attendu',
		source: { from: 'communes' },
		record: located((r) => r.communeCode),
		mapCode: { prefix: 'c' },
		on: { api: API_LOCATED, annuaire: {}, map: { param: 'lieu', optgroup: 'Communes', rank: 4 } }
	}),
	define({
		key: 'quartier',
		param: 'quartier',
		label: 'Quartier de Strasbourg',
		word: 'quartier',
		gender: 'm',
		hint: 'SQ_01 à SQ_10 ou slug attendu',
		source: { from: 'quartiers' },
		record: located((r) => r.quartierCode),
		mapCode: { prefix: 'q' },
		on: {
			api: API_LOCATED,
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
		gender: 'm',
		source: { from: 'qpv' },
		record: located((r) => r.qpv),
		on: { api: LOCATED }
	}),
	define({
		key: 'ess',
		param: 'ess',
		label: 'Économie sociale et solidaire',
		word: 'valeur ESS',
		gender: 'f',
		hint: 'valeur attendue : true ou false',
		source: {
			from: 'taxonomy',
			values: [
				{ code: 'true', label: 'De l’ESS' },
				{ code: 'false', label: 'Hors de l’ESS' }
			]
		},
		record: place((r) => String(r.isEss)),
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
		gender: 'm',
		source: terms(INITIATIVE_TYPES),
		record: initiative((i) => i.initiativeType),
		mapCode: { prefix: 'y' },
		on: { api: ['initiative'], annuaire: {} }
	}),
	define({
		key: 'fundingType',
		param: 'type',
		label: 'Type de financement',
		gender: 'm',
		source: terms(FUNDING_TYPES),
		record: tool((t) => t.types),
		on: { api: ['funding-tool'], annuaire: {}, funding: { anyLabel: 'Tous', rank: 1 } }
	}),
	define({
		key: 'stage',
		param: 'stade',
		aliases: [api('stage')],
		label: 'Stade du projet',
		word: 'stade',
		gender: 'm',
		source: terms(STAGES),
		record: tool((t) => t.stages),
		on: { api: ['funding-tool'], annuaire: {} }
	}),
	// Buyers' filters (also the fields of /acheter): what a supplier does, its size, the reserved
	// contracts it may answer, the kinds of service it offers.
	define({
		key: 'activityFamily',
		param: 'activite',
		label: 'Famille d’activité',
		word: 'activité',
		gender: 'f',
		source: terms(ACTIVITY_FAMILIES),
		record: organisation((o) => supplierFamily(o)),
		mapCode: { prefix: 'a' },
		on: { api: ['organisation'], annuaire: {}, map: { anyLabel: 'Toutes', rank: 5 } }
	}),
	define({
		key: 'sizeBand',
		param: 'taille',
		label: 'Tranche d’effectifs salariés',
		word: 'tranche d’effectifs',
		gender: 'f',
		source: terms(SIZE_BANDS),
		record: organisation((o) => o.sizeBand),
		mapCode: { prefix: 'z' },
		on: { api: ['organisation'], annuaire: {}, map: { anyLabel: 'Toutes', rank: 6 } }
	}),
	define({
		key: 'legalBasis',
		param: 'base',
		label: 'Marchés réservés',
		word: 'base juridique',
		gender: 'f',
		source: terms(LEGAL_BASES.filter((b) => b.code.startsWith('L'))),
		record: organisation((o) => basesOf(o)),
		on: { api: ['organisation'], annuaire: {} }
	}),
	define({
		key: 'serviceType',
		param: 'prestation',
		label: 'Type de prestation',
		word: 'type de prestation',
		gender: 'm',
		source: terms(SERVICE_TYPES),
		record: organisation((o) => o.serviceTypes ?? []),
		on: { api: ['organisation'], annuaire: {} }
	}),
	// Filters only the API offers, one taxonomy each. Their key is the English name the API had, still
	// accepted there; the French names avoid the finder's `territoire` and `besoin` on /financements, which
	// say where the project is and what it needs, not a tool's perimeter or purpose.
	apiOnly(
		organisation,
		'fiscal',
		'statut-fiscal',
		'Statut fiscal',
		M,
		FISCAL_STATUSES,
		(o) => o.fiscalStatus
	),
	apiOnly(initiative, 'need', 'besoin', 'Besoins', { word: 'besoin', gender: 'm' }, NEEDS, (i) => i.needs),
	apiOnly(tool, 'audience', 'public', 'Public', M, AUDIENCES, (t) => t.eligibility.audiences),
	apiOnly(tool, 'territory', 'perimetre', 'Périmètre', M, TERRITORIES, (t) => t.territory),
	apiOnly(tool, 'availability', 'disponibilite', 'Disponibilité', F, AVAILABILITIES, (t) => t.availability),
	apiOnly(tool, 'purpose', 'objet', 'Objet du financement', M, PURPOSES, (t) => t.purposes),
	// Support offers (/api/v1/accompagnements, and funding-tools too): the kind of support, the projects.
	apiOnly(
		tool,
		'supportKind',
		'accompagnement',
		'Type d’accompagnement',
		M,
		SUPPORT_KINDS,
		(t) => t.supportKinds
	),
	apiOnly(tool, 'projectKind', 'projet', 'Projets accompagnés', M, PROJECT_KINDS, (t) => t.projectKinds),
	// Places to work, meet and try (/lieux, /api/v1/lieux and the annuaire's « Lieux » tab).
	define({
		key: 'placeType',
		param: 'type-lieu',
		aliases: [api('placeType')],
		label: 'Type de lieu',
		word: 'type de lieu',
		gender: 'm',
		source: terms(PLACE_TYPES),
		record: placeKind((p) => p.placeTypes),
		on: { api: ['place'], annuaire: {} }
	}),
	define({
		key: 'provider',
		param: 'financeur',
		aliases: [api('provider')],
		label: 'Financeur ou accompagnateur',
		word: 'financeur',
		gender: 'm',
		source: {
			from: 'pattern',
			pattern: /^[a-z0-9-]{2,80}$/,
			invalid: 'identifiant de financeur invalide',
			example: 'france-active-alsace'
		},
		record: tool((t) => t.providerIds),
		on: { api: ['funding-tool'] }
	}),
	define({
		key: 'open',
		param: 'ouvert',
		label: 'Ouverts aujourd’hui',
		word: 'valeur de « ouvert »',
		gender: 'f',
		hint: 'valeur attendue « oui » ou « non »',
		source: {
			from: 'taxonomy',
			values: [{ code: 'oui', label: 'Ouverts aujourd’hui seulement', also: ['true', '1'] }]
		},
		neutral: ['non', 'false', '0'],
		record: tool((t, context) => (isOpenNow(t, context?.now) ? 'oui' : undefined)),
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
