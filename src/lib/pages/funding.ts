/**
 * The funding pages (/financements and below), each a pure function of the catalogue and its URL or
 * parameters; the rules are in src/lib/domain/funding/.
 */
import { providersOf, recordBySlug, type Catalogue } from '$lib/domain/catalogue';
import { COMPARE_MAX, readCompareParams, relatedTools } from '$lib/domain/funding/compare';
import { findFunding } from '$lib/domain/funding/finder';
import { fundingControls } from '$lib/domain/filters/controls';
import { listTools, parseListParams } from '$lib/domain/funding/list';
import {
	MEMOS,
	audienceSummary,
	fitSummary,
	isMemoSlug,
	memoTools,
	profileInWords,
	staleTools,
	summaryRow,
	verificationSpan,
	type MemoSlug
} from '$lib/domain/funding/memo';
import { profileSummary } from '$lib/domain/funding/profile';
import { parseFinderParams } from '$lib/domain/funding/profile-parse';
import { isStale } from '$lib/domain/funding/tool';
import type { Geo } from '$lib/domain/query';
import type { FundingTool } from '$lib/domain/records';
import { route } from '$lib/links';
import { serializeJsonLd, toolJsonLd } from './json-ld';

function communeNamer(geo: Pick<Geo, 'communes'>) {
	return (code: string) => geo.communes.find((c) => c.code === code)?.name ?? code;
}

/** Options of the finder's and the list's forms. */
function formOptions(geo: Geo) {
	return {
		communes: geo.communes.map((c) => ({ value: c.code, label: c.name })),
		qpv: geo.qpv.map((q) => ({ value: `qpv-${q.slug}`, label: q.name }))
	};
}

const staleFlags = (tools: readonly FundingTool[], now: Date) =>
	Object.fromEntries(tools.map((t) => [t.id, isStale(t.lastVerified, now)]));

const themeLabels = (c: Catalogue) => Object.fromEntries(c.geo.thematiques.map((t) => [t.code, t.label]));

/** GET /financements: cards, filters in the URL, sorted by fit. */
export function fundingListPage(c: Catalogue, url: URL, now = new Date()) {
	const parsed = parseListParams(url.searchParams, c.geo);
	const tools = c.fundingTools;
	const result = listTools(tools, parsed.profile, parsed.filters, { now, communeName: communeNamer(c.geo) });
	return {
		/** Every field as sent: the profile's, the filters' and the sort. */
		values: { ...parsed.values, ...parsed.listValues } as Partial<Record<string, string>>,
		errors: parsed.errors,
		filtered: parsed.answered,
		summary: profileSummary(parsed.profile),
		/** The profile itself, for a page that writes its summary in another language. */
		profile: parsed.profile,
		territoryLabel: parsed.profile.territoire?.label,
		items: result.items,
		steps: result.steps,
		neighbours: result.neighbours,
		hiddenIneligible: result.hiddenIneligible,
		total: tools.length,
		finderHref: route.fundingFinder(parsed.profile),
		providers: providersOf(c, tools),
		options: formOptions(c.geo),
		/** The registry's funding-list filters, as the form's controls. */
		controls: fundingControls(c.geo),
		staleCount: staleTools(tools, now).length,
		compareMax: COMPARE_MAX
	};
}

/** GET /financements/trouver: the guided finder; results only once a question is answered. */
export function finderPage(c: Catalogue, url: URL, siteUrl: string, now = new Date()) {
	const parsed = parseFinderParams(url.searchParams, c.geo);
	const tools = c.fundingTools;
	const showResults = parsed.answered && parsed.errors.length === 0;
	return {
		values: parsed.values,
		errors: parsed.errors,
		answered: parsed.answered,
		summary: profileSummary(parsed.profile),
		/** The profile itself, for a page that writes its summary in another language. */
		profile: parsed.profile,
		territoryLabel: parsed.profile.territoire?.label,
		shareUrl: `${siteUrl}${route.fundingFinder(parsed.profile)}`,
		/** « Imprimer mes résultats »: the same profile as an A4 memo. */
		memoHref: route.fundingFinderMemo(parsed.profile),
		result: showResults
			? findFunding(tools, parsed.profile, { now, communeName: communeNamer(c.geo) })
			: undefined,
		providers: providersOf(c, tools),
		options: formOptions(c.geo),
		compareMax: COMPARE_MAX
	};
}

/**
 * GET /financements/trouver/memo: the finder's results for one profile as an A4 memo (the profile in
 * words, a summary table, the steps, the neighbouring stage, then each result with why it fits). A bad or
 * missing profile gives no results and the messages, never an error page.
 */
export function finderMemoPage(c: Catalogue, url: URL, siteUrl: string, now = new Date()) {
	const parsed = parseFinderParams(url.searchParams, c.geo);
	const tools = c.fundingTools;
	const result =
		parsed.answered && parsed.errors.length === 0
			? findFunding(tools, parsed.profile, { now, communeName: communeNamer(c.geo) })
			: undefined;
	const shown = result
		? [
				...result.matches.map((e) => e.tool),
				...result.steps.map((s) => s.evaluation.tool),
				...result.neighbours.map((n) => n.evaluation.tool)
			]
		: [];
	return {
		errors: parsed.errors,
		summary: profileSummary(parsed.profile),
		/** The profile itself, for a page that writes it in another language. */
		finderProfile: parsed.profile,
		profile: profileInWords(parsed.profile),
		/** The results page this memo prints: « Lien vers les résultats ». */
		resultsUrl: `${siteUrl}${route.fundingFinder(parsed.profile)}`,
		finderHref: route.fundingFinder(parsed.profile),
		url: `${siteUrl}${route.fundingFinderMemo(parsed.profile)}`,
		result,
		rows: result ? result.matches.map((e) => summaryRow(e.tool, fitSummary(e), now)) : [],
		span: verificationSpan(shown),
		stale: staleFlags(shown, now),
		providers: providersOf(c, shown),
		themeLabels: themeLabels(c),
		printedOn: now.toISOString().slice(0, 10)
	};
}

/** GET /financements/comparer?outils=a,b,c */
export function comparePage(c: Catalogue, url: URL, now = new Date()) {
	const { slugs, errors, problems } = readCompareParams(url.searchParams);
	const all = c.fundingTools;
	const tools: FundingTool[] = [];
	for (const slug of slugs) {
		const t = all.find((x) => x.slug === slug || x.id === slug);
		if (t) tools.push(t);
		else {
			errors.push(`outil inconnu : « ${slug} »`);
			problems.push({ code: 'unknown', value: slug });
		}
	}
	return {
		tools,
		errors,
		/** The same problems as codes, in the same order. */
		problems,
		stale: staleFlags(tools, now),
		providers: providersOf(c, tools),
		/** Tools that can still be added, for the "add a tool" select. */
		others: all.filter((t) => !tools.includes(t)).map((t) => ({ value: t.slug, label: t.name })),
		max: COMPARE_MAX
	};
}

/** GET /financements/memo/[audience]: undefined for an unknown memo (the route answers 404). */
export function memoPage(c: Catalogue, audience: string, siteUrl: string, now = new Date()) {
	if (!isMemoSlug(audience)) return undefined;
	const memo = MEMOS[audience as MemoSlug];
	const tools = memoTools(c.fundingTools, memo.slug);
	return {
		memo,
		other: MEMOS[memo.slug === 'fiscalisees' ? 'non-fiscalisees' : 'fiscalisees'],
		tools,
		rows: tools.map((t) => summaryRow(t, audienceSummary(t), now)),
		span: verificationSpan(tools),
		stale: staleFlags(tools, now),
		providers: providersOf(c, tools),
		themeLabels: themeLabels(c),
		url: `${siteUrl}${route.fundingMemo(memo.slug)}`,
		printedOn: now.toISOString().slice(0, 10)
	};
}

/** GET /financements/a-verifier: tools not verified for 12 months, oldest first. */
export function stalePage(c: Catalogue, now = new Date()) {
	const tools = staleTools(c.fundingTools, now);
	return { tools, providers: providersOf(c, tools) };
}

/** GET /financements/[slug]: undefined when no published tool has this slug. */
export function toolPage(c: Catalogue, slug: string, siteUrl: string, now = new Date()) {
	const tool = recordBySlug(c, 'funding-tool', slug);
	if (!tool) return undefined;
	const related = relatedTools(tool, c.fundingTools);
	const providers = providersOf(c, [tool, ...related.combined, ...related.sameType]);
	const own = tool.providerIds.map((id) => providers[id]);
	return {
		tool,
		stale: isStale(tool.lastVerified, now),
		providers,
		ownProviders: own,
		related,
		themeLabels: themeLabels(c),
		canonical: `${siteUrl}${route.record(tool)}`,
		jsonLd: serializeJsonLd(toolJsonLd(tool, own, siteUrl))
	};
}
