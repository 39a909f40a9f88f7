/**
 * GET /creer (« Créer son activité »): the support path for a profile, as a pure function of the catalogue
 * and the URL. The rules are in src/lib/domain/support/.
 */
import { providersOf, type Catalogue } from '$lib/domain/catalogue';
import { buildPath, type PathStep } from '$lib/domain/support/path';
import {
	CREATE_STAGES,
	SUPPORT_NEEDS,
	toFinderProfile,
	type CreateProfile
} from '$lib/domain/support/profile';
import { parseCreateParams } from '$lib/domain/support/profile-parse';
import { PROJECT_KINDS, labelOf, type PlaceType } from '$lib/domain/taxonomies';
import { route } from '$lib/links';

/** The places that answer a need to work, meet or test an activity (/lieux filtered to it). */
const PLACES_FOR_WORK: PlaceType[] = [
	'coworking',
	'tiers-lieu',
	'atelier-partage',
	'cuisine-partagee',
	'boutique-test',
	'incubateur',
	'salle'
];

/** The profile in one line, for the heading, the title and the printed page. */
export function createSummary(p: CreateProfile): string {
	const parts: string[] = [];
	if (p.projet) parts.push(labelOf('projectKind', p.projet));
	if (p.stade) parts.push(`stade : ${CREATE_STAGES.find((s) => s.code === p.stade)!.label.toLowerCase()}`);
	if (p.territoire) parts.push(p.territoire.label);
	if (p.besoins.length)
		parts.push(
			`besoins : ${p.besoins.map((b) => SUPPORT_NEEDS.find((n) => n.code === b)!.label.toLowerCase()).join(', ')}`
		);
	return parts.join(' · ');
}

export function createPage(c: Catalogue, url: URL, siteUrl: string, now = new Date()) {
	const parsed = parseCreateParams(url.searchParams, c.geo);
	const show = parsed.answered && parsed.errors.length === 0;
	const path = show ? buildPath(c.fundingTools, parsed.profile, { now }) : undefined;
	const offers = path
		? path.steps.flatMap((s: PathStep) => [...s.offers, ...s.others]).map((e) => e.tool)
		: [];
	return {
		values: parsed.values,
		errors: parsed.errors,
		answered: parsed.answered,
		summary: createSummary(parsed.profile),
		/** The profile itself, for a page that writes its summary in another language. */
		profile: parsed.profile,
		shareUrl: `${siteUrl}${route.create(parsed.profile)}`,
		finderHref: route.fundingFinder(toFinderProfile(parsed.profile), 'resultats'),
		placesHref: route.places({ types: PLACES_FOR_WORK }),
		path,
		providers: providersOf(c, [...offers, ...(path?.funding.first ?? [])]),
		options: {
			projects: PROJECT_KINDS.map((p) => ({ value: p.code, label: p.label })),
			stages: CREATE_STAGES.map((s) => ({ value: s.code, label: s.label, help: s.description })),
			needs: SUPPORT_NEEDS.map((n) => ({ value: n.code, label: n.label })),
			communes: c.geo.communes.map((x) => ({ value: x.code, label: x.name })),
			qpv: c.geo.qpv.map((q) => ({ value: `qpv-${q.slug}`, label: q.name }))
		}
	};
}
