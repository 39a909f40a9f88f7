/**
 * The catalogue: the read model the public pages are built from. One value per data version: the
 * reference data, the published records in French name order, lookups, per-kind lists and the data several
 * pages derive from them (facet values, providers of tools, records by area). Pure: the server loads its
 * input from the store (src/lib/server/catalogue.ts), tests build it from a few records.
 */
import { publicView } from './public-view';
import { never, runSteps, type Due } from './steps';
import { facetValuesOf, type FacetValues } from './filters/facets';
import type { Geo } from './query';
import type {
	EventRecord,
	FundingTool,
	Initiative,
	Organisation,
	Place,
	PublicRecord,
	RecordKind
} from './records';

/** A published record with its facet values, computed once for the annuaire's filters and counts. */
export interface CatalogueItem {
	id: string;
	record: PublicRecord;
	values: FacetValues;
}

/** What a page needs to name and link a provider; `slug` only when its page is public. */
export interface ProviderRef {
	id: string;
	name: string;
	slug?: string;
	website?: string;
	email?: string;
	phone?: string;
}

/** Published places of one quartier or one commune, in name order. */
export interface AreaRecords {
	initiatives: readonly Initiative[];
	organisations: readonly Organisation[];
}

type RecordOf<K extends RecordKind> = Extract<PublicRecord, { kind: K }>;

export interface Catalogue {
	/** The store's data version this catalogue was built from. */
	version: number;
	/** Communes, Strasbourg's quartiers, QPV and thématiques. */
	geo: Geo;
	/** Every published record, in French name order. */
	records: readonly PublicRecord[];
	/** The same records with their facet values, same order. */
	items: readonly CatalogueItem[];
	byId: ReadonlyMap<string, CatalogueItem>;
	/** Keyed by `kind/slug`: use recordBySlug. */
	bySlug: ReadonlyMap<string, PublicRecord>;
	organisations: readonly Organisation[];
	initiatives: readonly Initiative[];
	fundingTools: readonly FundingTool[];
	/** Places to work, meet and try (kind `place`), in name order. */
	places: readonly Place[];
	/** Events (kind `event`), past and to come, in name order: the agenda orders them by date. */
	events: readonly EventRecord[];
	/** Every provider named by a published tool, by id. */
	providers: ReadonlyMap<string, ProviderRef>;
	/** Published tools of each provider (any status of provider), in name order. */
	toolsByProvider: ReadonlyMap<string, readonly FundingTool[]>;
	/** Published places by quartier code, and by commune INSEE code. */
	byQuartier: ReadonlyMap<string, AreaRecords>;
	byCommune: ReadonlyMap<string, AreaRecords>;
}

export interface CatalogueInput {
	version: number;
	geo: Geo;
	/**
	 * Records of any status: only published ones are listed, but an unpublished organisation named as a
	 * provider by a published tool is still named (not linked) on the tool's pages.
	 */
	records: readonly PublicRecord[];
}

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });
const byName = (a: PublicRecord, b: PublicRecord) =>
	collator.compare(a.name, b.name) || (a.id < b.id ? -1 : 1);

const slugKey = (kind: RecordKind, slug: string) => `${kind}/${slug}`;

function providerRef(id: string, record: PublicRecord | undefined): ProviderRef {
	if (record?.kind !== 'organisation') return { id, name: id };
	return {
		id,
		// « Confédération générale des Scop (CG Scop) » already names its short form: not written twice.
		name:
			record.shortName && !record.name.includes(`(${record.shortName})`)
				? `${record.name} (${record.shortName})`
				: record.name,
		slug: record.status === 'published' ? record.slug : undefined,
		// An unpublished provider is named by its published tools, nothing more: its contact details
		// have not been reviewed for publication.
		...(record.status === 'published'
			? { website: record.contact.website, email: record.contact.email, phone: record.contact.phone }
			: {})
	};
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
	const list = map.get(key);
	if (list) list.push(value);
	else map.set(key, [value]);
}

function* areaIndex(
	places: readonly (Organisation | Initiative)[],
	key: 'quartierCode' | 'communeCode',
	due: Due
): Generator<void, Map<string, AreaRecords>> {
	const index = new Map<string, { initiatives: Initiative[]; organisations: Organisation[] }>();
	for (const r of places) {
		const code = r[key];
		if (due()) yield;
		if (!code) continue;
		let area = index.get(code);
		if (!area) index.set(code, (area = { initiatives: [], organisations: [] }));
		if (r.kind === 'initiative') area.initiatives.push(r);
		else area.organisations.push(r);
	}
	return index;
}

export function buildCatalogue(input: CatalogueInput): Catalogue {
	return runSteps(catalogueSteps(input, never));
}

/**
 * `buildCatalogue` as steps that pause whenever `due()` says so (see ./steps.ts): at 250,000 records the
 * whole build is seconds of a thread, and the server builds a new version between requests. Every pass is
 * a loop that may pause; the same catalogue comes out whatever the pauses.
 */
export function* catalogueSteps(
	{ version, geo, records: all }: CatalogueInput,
	due: Due
): Generator<void, Catalogue> {
	const publishedIds = new Set<string>();
	for (const r of all) {
		if (r.status === 'published') publishedIds.add(r.id);
		if (due()) yield;
	}
	const isPublished = (id: string) => publishedIds.has(id);
	// Pages and their data see published links only; providers stay named (see CatalogueInput).
	const records: PublicRecord[] = [];
	for (const r of all) {
		if (r.status === 'published') records.push(publicView(r, isPublished, { keepProviders: true }));
		if (due()) yield;
	}
	// The server's input is already in this order: checking it is a pass that can pause, a sort is not.
	let sorted = true;
	for (let i = 1; i < records.length && sorted; i++) {
		sorted = byName(records[i - 1], records[i]) < 0;
		if (due()) yield;
	}
	if (!sorted) records.sort(byName);

	const items: CatalogueItem[] = [];
	const byId = new Map<string, CatalogueItem>();
	const bySlug = new Map<string, PublicRecord>();
	const kinds: { [K in RecordKind]: RecordOf<K>[] } = {
		organisation: [],
		initiative: [],
		'funding-tool': [],
		place: [],
		event: []
	};
	const places: (Organisation | Initiative)[] = [];
	for (const record of records) {
		const item = { id: record.id, record, values: facetValuesOf(record) };
		items.push(item);
		byId.set(item.id, item);
		bySlug.set(slugKey(record.kind, record.slug), record);
		(kinds[record.kind] as PublicRecord[]).push(record);
		if (record.kind === 'organisation' || record.kind === 'initiative') places.push(record);
		if (due()) yield;
	}
	const fundingTools = kinds['funding-tool'];

	const anyStatus = new Map<string, PublicRecord>();
	for (const r of all) {
		anyStatus.set(r.id, r);
		if (due()) yield;
	}
	const providers = new Map<string, ProviderRef>();
	const toolsByProvider = new Map<string, FundingTool[]>();
	for (const tool of fundingTools) {
		for (const id of tool.providerIds) {
			if (!providers.has(id)) providers.set(id, providerRef(id, anyStatus.get(id)));
			push(toolsByProvider, id, tool);
		}
		if (due()) yield;
	}
	const byQuartier = yield* areaIndex(places, 'quartierCode', due);
	const byCommune = yield* areaIndex(places, 'communeCode', due);

	return {
		version,
		geo,
		records,
		items,
		byId,
		bySlug,
		organisations: kinds.organisation,
		initiatives: kinds.initiative,
		fundingTools,
		places: kinds.place,
		events: kinds.event,
		providers,
		toolsByProvider,
		byQuartier,
		byCommune
	};
}

/** The published record of this kind with this slug. */
export function recordBySlug<K extends RecordKind>(
	catalogue: Catalogue,
	kind: K,
	slug: string
): RecordOf<K> | undefined {
	return catalogue.bySlug.get(slugKey(kind, slug)) as RecordOf<K> | undefined;
}

/** The providers of these tools, by id, for a page's data (one entry per provider the page names). */
export function providersOf(
	catalogue: Catalogue,
	tools: readonly FundingTool[]
): Record<string, ProviderRef> {
	const refs: Record<string, ProviderRef> = {};
	for (const id of new Set(tools.flatMap((t) => t.providerIds)))
		refs[id] = catalogue.providers.get(id) ?? { id, name: id };
	return refs;
}

const NO_AREA: AreaRecords = { initiatives: [], organisations: [] };

/** Published places of a quartier (by code) or of a commune (by INSEE code). */
export function placesIn(catalogue: Catalogue, where: { quartierCode: string } | { communeCode: string }) {
	return 'quartierCode' in where
		? (catalogue.byQuartier.get(where.quartierCode) ?? NO_AREA)
		: (catalogue.byCommune.get(where.communeCode) ?? NO_AREA);
}
