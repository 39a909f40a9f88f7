/**
 * /quartiers and /quartiers/[slug]: a slug is a Strasbourg quartier or one of the 33 communes (slugs are
 * unique across both, checked by data:check). The records come from the catalogue's per-area lists; what
 * to show is decided by the rules of quartier-rules.ts.
 */
import { placesIn, type Catalogue } from '$lib/domain/catalogue';
import type { Organisation } from '$lib/domain/records';
import { inBbox } from '$lib/domain/coordinates';
import { bboxOf } from '$lib/geo/bbox';
import { circlePolygon } from '$lib/geo/circle';
import { route } from '$lib/links';
import {
	communeArea,
	groupBySubQuartier,
	keyNumbers,
	mapHref,
	NEARBY_METERS,
	nearbyOrganisations,
	quartierArea,
	residentFundingTools,
	type Area,
	type InitiativeGroup,
	type NearbyOrganisation
} from './quartier-rules';

const STRASBOURG = '67482';

/** GET /quartiers: Strasbourg's 10 quartiers with their sub-quartiers, then the 32 other communes. */
export function quartiersIndexPage(c: Catalogue) {
	const count = (where: { quartierCode: string } | { communeCode: string }) =>
		placesIn(c, where).initiatives.length;
	const strasbourg = c.geo.communes.find((x) => x.code === STRASBOURG);
	return {
		strasbourg: strasbourg && {
			slug: strasbourg.slug,
			name: strasbourg.name,
			initiatives: count({ communeCode: STRASBOURG })
		},
		quartiers: c.geo.quartiers.map((q) => ({
			slug: q.slug,
			name: q.name,
			subQuartiers: q.subQuartiers.map((s) => ({ slug: s.slug, name: s.name })),
			initiatives: count({ quartierCode: q.code })
		})),
		communes: c.geo.communes
			.filter((x) => x.code !== STRASBOURG)
			.map((x) => ({
				slug: x.slug,
				name: x.name,
				postcodes: x.postcodes,
				initiatives: count({ communeCode: x.code })
			}))
	};
}

function findArea(c: Catalogue, slug: string): Area | undefined {
	const q = c.geo.quartiers.find((x) => x.slug === slug);
	if (q) return quartierArea(q);
	const commune = c.geo.communes.find((x) => x.slug === slug);
	return commune ? communeArea(commune) : undefined;
}

/**
 * Candidates for "nearby": the area's own structures, then those positioned inside the box around the
 * nearby circle; nearbyOrganisations keeps those really within reach.
 */
function nearbyCandidates(c: Catalogue, area: Area, own: readonly Organisation[]): Organisation[] {
	const box = bboxOf(circlePolygon(area.point, NEARBY_METERS[area.kind]).geometry);
	return [...own, ...c.organisations.filter((o) => o.location && inBbox(o.location, box))];
}

/** How many structures nearby a quartier or commune page lists; the annuaire has the rest. */
export const AREA_STRUCTURES_SHOWN = 30;

/**
 * The page's structures as the browser gets them: the first AREA_STRUCTURES_SHOWN, each with what its line
 * shows, and how many there are. The whole records went into the page's data (some 3 MB for a quartier of
 * a 50,000-record store) though the page lists thirty names.
 */
export function shownStructures(organisations: readonly NearbyOrganisation[]) {
	return {
		organisations: organisations.slice(0, AREA_STRUCTURES_SHOWN).map((o) => ({
			organisation: (({ id, kind, slug, name, legalForm }) => ({ id, kind, slug, name, legalForm }))(
				o.organisation
			),
			inArea: o.inArea,
			meters: o.meters
		})),
		organisationsTotal: organisations.length
	};
}

/** How many initiatives each group of a quartier or commune page lists; the annuaire has the rest. */
export const AREA_INITIATIVES_SHOWN = 60;

/**
 * Each group's first AREA_INITIATIVES_SHOWN initiatives, with how many it holds. Past a few dozen a list
 * of cards helps no resident, and at national scale a quartier of a synthetic store held thousands: the
 * page took seconds of the server's thread to render.
 */
export function shownInitiatives(groups: readonly InitiativeGroup[]) {
	return groups.map((g) => ({
		...g,
		initiatives: g.initiatives.slice(0, AREA_INITIATIVES_SHOWN),
		total: g.initiatives.length
	}));
}

/** GET /quartiers/[slug]: everything a quartier or commune page shows, or undefined for an unknown slug. */
export function areaPage(c: Catalogue, slug: string) {
	const area = findArea(c, slug);
	if (!area) return undefined;
	const here = placesIn(
		c,
		area.kind === 'quartier' ? { quartierCode: area.code } : { communeCode: area.code }
	);
	const isStrasbourg = area.kind === 'commune' && area.code === STRASBOURG;
	// Strasbourg's own page lists its quartiers; only initiatives with no quartier stay on it.
	const listed = isStrasbourg ? here.initiatives.filter((i) => !i.quartierCode) : here.initiatives;
	const qpv = c.geo.qpv.filter((q) =>
		area.kind === 'quartier' ? q.quartierCode === area.code : q.communeCode === area.code
	);
	const organisations = nearbyOrganisations(nearbyCandidates(c, area, here.organisations), area);
	const fundingTools = residentFundingTools(c.fundingTools, {
		communeCode: area.communeCode,
		hasQpv: qpv.length > 0
	});
	const commune = c.geo.communes.find((x) => x.code === area.communeCode);
	return {
		area,
		commune: commune && { slug: commune.slug, name: commune.name },
		quartiersOfCommune: isStrasbourg
			? c.geo.quartiers.map((q) => ({
					slug: q.slug,
					name: q.name,
					initiatives: here.initiatives.filter((i) => i.quartierCode === q.code).length
				}))
			: [],
		groups: groupBySubQuartier(listed, area),
		organisations,
		fundingTools,
		qpv: qpv.map((q) => ({ slug: q.slug, name: q.name })),
		keyNumbers: keyNumbers({
			initiatives: here.initiatives,
			organisations,
			fundingTools,
			qpv,
			population: area.kind === 'commune' ? area.population : undefined
		}),
		mapHref: mapHref(area),
		/** The annuaire's structures of the area (its slug in the address). */
		directoryHref: route.annuaire({ filters: { kind: ['organisation'], [area.kind]: [area.code] } }, c.geo),
		/** The annuaire's initiatives of the area. */
		initiativesHref: route.annuaire({ filters: { kind: ['initiative'], [area.kind]: [area.code] } }, c.geo)
	};
}
