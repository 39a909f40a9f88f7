/**
 * Server side of the funding pages: loads tools and their providers from the store and hands the pure
 * finder (src/lib/domain/funding-finder.ts) what it needs. Each page calls one function of this module.
 */
import {
	COMPARE_MAX,
	MEMOS,
	findFunding,
	isMemoSlug,
	isStale,
	listTools,
	memoTools,
	parseCompareParams,
	parseFinderParams,
	parseListParams,
	profileSummary,
	profileToQuery,
	relatedTools,
	staleTools,
	verificationSpan,
	type FinderGeo,
	type MemoSlug,
	type ProviderRef
} from '$lib/domain/funding-finder';
import type { Thematique } from '$lib/domain/geography';
import type { FundingTool, Organisation } from '$lib/domain/records';
import { labelOf } from '$lib/domain/taxonomies';
import type { Db } from './db/connection';
import {
	getRecordById,
	getRecordBySlug,
	listCommunes,
	listQpv,
	listRecords,
	listThematiques
} from './db/records';

/** Published tools, without the store's version field (it is not data visitors need). */
function publishedTools(db: Db): FundingTool[] {
	return listRecords(db, 'funding-tool').map(({ version: _version, ...t }) => t);
}

/** Providers of these tools, by id. A provider missing from the store keeps its id as its name. */
function providersOf(db: Db, tools: FundingTool[]): Record<string, ProviderRef> {
	const refs: Record<string, ProviderRef> = {};
	for (const id of new Set(tools.flatMap((t) => t.providerIds))) {
		const r = getRecordById(db, id);
		const org = r?.kind === 'organisation' ? (r as Organisation) : undefined;
		refs[id] = org
			? {
					id,
					name: org.shortName ? `${org.name} (${org.shortName})` : org.name,
					slug: org.status === 'published' ? org.slug : undefined,
					website: org.contact.website,
					email: org.contact.email,
					phone: org.contact.phone
				}
			: { id, name: id };
	}
	return refs;
}

function finderGeo(db: Db): FinderGeo {
	return {
		communes: listCommunes(db).map(({ code, slug, name }) => ({ code, slug, name })),
		qpv: listQpv(db).map(({ slug, name, communeCode }) => ({ slug, name, communeCode }))
	};
}

function communeNamer(geo: FinderGeo) {
	return (code: string) => geo.communes.find((c) => c.code === code)?.name ?? code;
}

/**
 * Published tools of one organisation (financeur or accompagnateur), by name: for the provider pages
 * (/structures/[slug]) and the "financeurs et accompagnateurs" map layer.
 */
export function toolsOfProvider(db: Db, organisationId: string): FundingTool[] {
	return publishedTools(db)
		.filter((t) => t.providerIds.includes(organisationId))
		.sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}

/** Options of the finder's and the list's forms. */
function formOptions(geo: FinderGeo, thematiques: Thematique[]) {
	return {
		communes: geo.communes.map((c) => ({ value: c.code, label: c.name })),
		qpv: geo.qpv.map((q) => ({ value: `qpv-${q.slug}`, label: q.name })),
		thematiques: thematiques.map((t) => ({ value: t.code, label: t.label }))
	};
}
export type FormOptions = ReturnType<typeof formOptions>;

/** GET /financements: cards, filters in the URL, sorted by fit. */
export function fundingListPage(db: Db, url: URL, now = new Date()) {
	const geo = finderGeo(db);
	const thematiques = listThematiques(db);
	const parsed = parseListParams(
		url.searchParams,
		geo,
		thematiques.map((t) => t.code)
	);
	const tools = publishedTools(db);
	const result = listTools(tools, parsed.profile, parsed.filters, { now, communeName: communeNamer(geo) });
	const finderQuery = profileToQuery(parsed.profile);
	return {
		values: { ...parsed.values, ...parsed.listValues },
		errors: parsed.errors,
		filtered: parsed.answered,
		summary: profileSummary(parsed.profile),
		territoryLabel: parsed.profile.territoire?.label,
		items: result.items,
		hiddenIneligible: result.hiddenIneligible,
		total: tools.length,
		finderHref: `/financements/trouver${finderQuery ? `?${finderQuery}` : ''}`,
		providers: providersOf(db, tools),
		options: formOptions(geo, thematiques),
		staleCount: staleTools(tools, now).length,
		compareMax: COMPARE_MAX
	};
}

/** GET /financements/trouver: the guided finder; results only once a question is answered. */
export function finderPage(db: Db, url: URL, siteUrl: string, now = new Date()) {
	const geo = finderGeo(db);
	const parsed = parseFinderParams(url.searchParams, geo);
	const tools = publishedTools(db);
	const showResults = parsed.answered && parsed.errors.length === 0;
	const query = profileToQuery(parsed.profile);
	return {
		values: parsed.values,
		errors: parsed.errors,
		answered: parsed.answered,
		summary: profileSummary(parsed.profile),
		territoryLabel: parsed.profile.territoire?.label,
		shareUrl: `${siteUrl}/financements/trouver${query ? `?${query}` : ''}`,
		result: showResults
			? findFunding(tools, parsed.profile, { now, communeName: communeNamer(geo) })
			: undefined,
		providers: providersOf(db, tools),
		options: formOptions(geo, listThematiques(db))
	};
}

/** GET /financements/comparer?outils=a,b,c */
export function comparePage(db: Db, url: URL, now = new Date()) {
	const { slugs, errors } = parseCompareParams(url.searchParams);
	const all = publishedTools(db);
	const tools: FundingTool[] = [];
	for (const slug of slugs) {
		const t = all.find((x) => x.slug === slug || x.id === slug);
		if (t) tools.push(t);
		else errors.push(`outil inconnu : « ${slug} »`);
	}
	return {
		tools,
		errors,
		stale: Object.fromEntries(tools.map((t) => [t.id, isStale(t.lastVerified, now)])),
		providers: providersOf(db, tools),
		/** Tools that can still be added, for the "add a tool" select. */
		others: all.filter((t) => !tools.includes(t)).map((t) => ({ value: t.slug, label: t.name })),
		max: COMPARE_MAX
	};
}

/** GET /financements/memo/[audience]: undefined for an unknown memo (the route answers 404). */
export function memoPage(db: Db, audience: string, siteUrl: string, now = new Date()) {
	if (!isMemoSlug(audience)) return undefined;
	const memo = MEMOS[audience as MemoSlug];
	const tools = memoTools(publishedTools(db), memo.slug);
	const thematiques = listThematiques(db);
	return {
		memo,
		other: MEMOS[memo.slug === 'fiscalisees' ? 'non-fiscalisees' : 'fiscalisees'],
		tools,
		span: verificationSpan(tools),
		stale: Object.fromEntries(tools.map((t) => [t.id, isStale(t.lastVerified, now)])),
		providers: providersOf(db, tools),
		themeLabels: Object.fromEntries(thematiques.map((t) => [t.code, t.label])),
		url: `${siteUrl}/financements/memo/${memo.slug}`,
		printedOn: now.toISOString().slice(0, 10)
	};
}

/** GET /financements/a-verifier: tools not verified for 12 months, oldest first. */
export function stalePage(db: Db, now = new Date()) {
	const tools = staleTools(publishedTools(db), now);
	return { tools, providers: providersOf(db, tools) };
}

type JsonLd = Record<string, unknown>;

const LOAN_TYPES = [
	'pret-honneur',
	'pret-participatif',
	'pret-bancaire',
	'microcredit',
	'avance-remboursable'
];

/**
 * schema.org description of a tool: a LoanOrCredit for loans, a MonetaryGrant for grants and prizes, a
 * Service for support and approvals, a FinancialProduct for the rest (guarantees, equity, crowdfunding).
 */
export function toolJsonLd(tool: FundingTool, providers: ProviderRef[], siteUrl: string): JsonLd {
	const main = tool.types[0];
	const type = LOAN_TYPES.includes(main)
		? 'LoanOrCredit'
		: main === 'subvention' || main === 'prix-concours'
			? 'MonetaryGrant'
			: main === 'accompagnement' || main === 'agrement'
				? 'Service'
				: 'FinancialProduct';
	const orgs = providers.map((p) => ({
		'@type': 'Organization',
		name: p.name,
		...(p.slug ? { url: `${siteUrl}/structures/${p.slug}` } : {}),
		...(p.website ? { sameAs: p.website } : {})
	}));
	const url = `${siteUrl}/financements/${tool.slug}`;
	const ld: JsonLd = {
		'@context': 'https://schema.org',
		'@type': type,
		'@id': url,
		url,
		name: tool.name,
		description: tool.description,
		category: tool.types.map((t) => labelOf('fundingType', t)).join(', '),
		areaServed: {
			'@type': tool.territory === 'france' ? 'Country' : 'AdministrativeArea',
			name: tool.territory === 'france' ? 'France' : labelOf('territory', tool.territory)
		},
		audience: {
			'@type': 'BusinessAudience',
			audienceType: tool.eligibility.audiences.map((a) => labelOf('audience', a)).join(', ')
		},
		dateModified: tool.lastVerified,
		isBasedOn: tool.sources.flatMap((s) => (s.url ? [s.url] : []))
	};
	if (type === 'MonetaryGrant') ld.funder = orgs;
	else ld.provider = orgs;
	const { min, max } = tool.amount ?? {};
	if (min !== undefined || max !== undefined) {
		const amount = {
			'@type': 'MonetaryAmount',
			currency: 'EUR',
			...(min !== undefined ? { minValue: min } : {}),
			...(max !== undefined ? { maxValue: max } : {})
		};
		if (type === 'LoanOrCredit' || type === 'MonetaryGrant') ld.amount = amount;
		else if (type !== 'Service') ld.offers = { '@type': 'Offer', priceSpecification: amount };
	}
	if (tool.ratePercent !== undefined && type !== 'MonetaryGrant' && type !== 'Service')
		ld.interestRate = tool.ratePercent;
	if (type === 'LoanOrCredit' && tool.termMonths?.max !== undefined)
		ld.loanTerm = {
			'@type': 'QuantitativeValue',
			...(tool.termMonths.min !== undefined ? { minValue: tool.termMonths.min } : {}),
			maxValue: tool.termMonths.max,
			unitCode: 'MON'
		};
	if (tool.website) ld.sameAs = tool.website;
	return ld;
}

/**
 * JSON for an inline <script type="application/ld+json">: `<`, `>`, `&` and the two JavaScript line
 * separators are escaped so no record text can close the script element.
 */
export function serializeJsonLd(ld: JsonLd): string {
	return JSON.stringify(ld)
		.replace(/</g, '\\u003c')
		.replace(/>/g, '\\u003e')
		.replace(/&/g, '\\u0026')
		.replace(/\u2028/g, '\\u2028')
		.replace(/\u2029/g, '\\u2029');
}

/** GET /financements/[slug]: undefined when no published tool has this slug. */
export function toolPage(db: Db, slug: string, siteUrl: string, now = new Date()) {
	const stored = getRecordBySlug(db, 'funding-tool', slug);
	if (!stored || stored.status !== 'published') return undefined;
	const { version: _version, ...tool } = stored;
	const all = publishedTools(db);
	const related = relatedTools(tool, all);
	const providers = providersOf(db, [tool, ...related.combined, ...related.sameType]);
	const own = tool.providerIds.map((id) => providers[id]);
	const thematiques = listThematiques(db);
	return {
		tool,
		stale: isStale(tool.lastVerified, now),
		providers,
		ownProviders: own,
		related,
		themeLabels: Object.fromEntries(thematiques.map((t) => [t.code, t.label])),
		canonical: `${siteUrl}/financements/${tool.slug}`,
		jsonLd: serializeJsonLd(toolJsonLd(tool, own, siteUrl))
	};
}
