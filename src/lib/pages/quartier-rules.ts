/**
 * The rules of a quartier or commune page, over records already chosen: the funding rule for residents'
 * initiatives, ESS structures nearby, grouping by sub-quartier and the key numbers. The page builder
 * (quartiers.ts) picks the records from the catalogue and calls these.
 */
import type { Commune, Point, Qpv, Quartier } from '$lib/domain/geography';
import type { FundingTool, Initiative, Organisation } from '$lib/domain/records';
import type { BasemapCode } from '$lib/domain/map/basemaps';
import type { Availability } from '$lib/domain/taxonomies';
import { distanceMeters } from '$lib/geo/distance';
import { route } from '$lib/links';

export type Area =
	| {
			kind: 'quartier';
			code: string;
			slug: string;
			name: string;
			communeCode: string;
			point: Point;
			subQuartiers: Quartier['subQuartiers'];
	  }
	| {
			kind: 'commune';
			code: string;
			slug: string;
			name: string;
			communeCode: string;
			point: Point;
			population?: number;
			postcodes: string[];
	  };

export function quartierArea(q: Quartier): Area {
	return {
		kind: 'quartier',
		code: q.code,
		slug: q.slug,
		name: q.name,
		communeCode: q.communeCode,
		point: q.point,
		subQuartiers: q.subQuartiers
	};
}

export function communeArea(c: Commune): Area {
	return {
		kind: 'commune',
		code: c.code,
		slug: c.slug,
		name: c.name,
		communeCode: c.code,
		point: c.centroid,
		population: c.population,
		postcodes: c.postcodes
	};
}

/** Records located in the area: same quartier, or same commune for a commune page. */
export function inArea(record: { communeCode?: string; quartierCode?: string }, area: Area): boolean {
	return area.kind === 'quartier' ? record.quartierCode === area.code : record.communeCode === area.code;
}

// ---------------------------------------------------------------------------------------------------------
// Funding aimed at residents' initiatives.

const AVAILABILITY_ORDER: Record<Availability, number> = {
	ouvert: 0,
	'appel-a-projets': 1,
	incertain: 2,
	ferme: 3
};

/**
 * Why a tool is shown to residents, or undefined when it is not. The rule, in order:
 * 1. reserved to quartiers prioritaires (eligibility.qpvOnly): shown only where the area holds a QPV;
 * 2. tagged with the Conseil's thématique "initiatives-habitants";
 * 3. open to non-fiscalised associations at the emergence stage, which is where a residents' collective
 *    that becomes an association starts.
 * A tool limited to another commune is never shown. Closed tools stay (sorted last, labelled) because
 * they tell residents what existed and may come back.
 */
export function residentFundingReason(
	tool: FundingTool,
	where: { communeCode: string; hasQpv: boolean }
): 'qpv' | 'initiatives-habitants' | 'emergence-association' | undefined {
	if (tool.status !== 'published') return undefined;
	if (tool.territory === 'commune' && tool.territoryCommune !== where.communeCode) return undefined;
	if (tool.eligibility.qpvOnly) return where.hasQpv ? 'qpv' : undefined;
	if (tool.thematiques.includes('initiatives-habitants')) return 'initiatives-habitants';
	if (tool.eligibility.audiences.includes('association') && tool.stages.includes('emergence')) {
		return 'emergence-association';
	}
	return undefined;
}

export function residentFundingTools(
	tools: readonly FundingTool[],
	where: { communeCode: string; hasQpv: boolean }
): { tool: FundingTool; reason: NonNullable<ReturnType<typeof residentFundingReason>> }[] {
	const rank = { qpv: 0, 'initiatives-habitants': 1, 'emergence-association': 2 } as const;
	return tools
		.map((tool) => ({ tool, reason: residentFundingReason(tool, where) }))
		.filter((x): x is { tool: FundingTool; reason: NonNullable<typeof x.reason> } => x.reason !== undefined)
		.sort(
			(a, b) =>
				AVAILABILITY_ORDER[a.tool.availability] - AVAILABILITY_ORDER[b.tool.availability] ||
				rank[a.reason] - rank[b.reason] ||
				a.tool.name.localeCompare(b.tool.name, 'fr')
		);
}

// ---------------------------------------------------------------------------------------------------------
// ESS structures in and near the area.

/** How far "nearby" reaches from the area's reference point, in metres; a commune is wider than a quartier. */
export const NEARBY_METERS = { quartier: 1500, commune: 2000 } as const;

export interface NearbyOrganisation {
	organisation: Organisation;
	inArea: boolean;
	/** From the area's reference point; undefined when the structure has no position. */
	meters?: number;
}

/**
 * ESS structures located in the area, then those whose position is within NEARBY_METERS of its point.
 * Most seed positions are quartier or commune points (see each record's precision), so "nearby" is rough.
 * Candidates may repeat (in the area and in the box around it): each structure is kept once.
 */
export function nearbyOrganisations(orgs: readonly Organisation[], area: Area): NearbyOrganisation[] {
	const radius = NEARBY_METERS[area.kind];
	const seen = new Set<string>();
	const out: NearbyOrganisation[] = [];
	for (const o of orgs) {
		if (o.status !== 'published' || !o.isEss || seen.has(o.id)) continue;
		seen.add(o.id);
		const meters = o.location ? distanceMeters(area.point, o.location) : undefined;
		const here = inArea(o, area);
		if (here || (meters !== undefined && meters <= radius))
			out.push({ organisation: o, inArea: here, meters });
	}
	return out.sort(
		(a, b) =>
			Number(b.inArea) - Number(a.inArea) ||
			(a.meters ?? Infinity) - (b.meters ?? Infinity) ||
			a.organisation.name.localeCompare(b.organisation.name, 'fr')
	);
}

// ---------------------------------------------------------------------------------------------------------
// Initiatives, grouped the way residents name their quartier.

export interface InitiativeGroup {
	/** Sub-quartier slug, or undefined for initiatives of the whole quartier or commune. */
	slug?: string;
	name: string;
	initiatives: Initiative[];
}

/**
 * Initiatives of the whole quartier first (or with a sub-quartier it does not list), then one group per
 * sub-quartier in the quartier's order, empty ones kept so residents see the gap.
 */
export function groupBySubQuartier(initiatives: readonly Initiative[], area: Area): InitiativeGroup[] {
	const byName = (a: Initiative, b: Initiative) => a.name.localeCompare(b.name, 'fr');
	if (area.kind === 'commune') return [{ name: area.name, initiatives: [...initiatives].sort(byName) }];
	const groups: InitiativeGroup[] = area.subQuartiers.map((s) => ({
		slug: s.slug,
		name: s.name,
		initiatives: initiatives.filter((i) => i.subQuartier === s.slug).sort(byName)
	}));
	const known = new Set(area.subQuartiers.map((s) => s.slug));
	const rest = initiatives.filter((i) => !i.subQuartier || !known.has(i.subQuartier)).sort(byName);
	return rest.length ? [{ name: 'Dans tout le quartier', initiatives: rest }, ...groups] : groups;
}

// ---------------------------------------------------------------------------------------------------------
// Key numbers.

export interface KeyNumber {
	id: 'initiatives' | 'benevoles' | 'structures' | 'financements' | 'qpv' | 'population';
	value: number;
	label: string;
}

const plural = (n: number, one: string, many: string) => (n > 1 ? many : one);

/**
 * The few figures at the top of a quartier page, in residents' words. Counts what the page lists, so a
 * figure never disagrees with the lists below it. The population is shown for communes only (the data
 * has no quartier populations).
 */
export function keyNumbers(input: {
	initiatives: readonly Pick<Initiative, 'needs'>[];
	organisations: readonly Pick<NearbyOrganisation, 'inArea'>[];
	fundingTools: readonly { tool: Pick<FundingTool, 'availability'> }[];
	qpv: readonly Pick<Qpv, 'slug'>[];
	population?: number;
}): KeyNumber[] {
	const n = input.initiatives.length;
	const volunteers = input.initiatives.filter((i) => i.needs.includes('benevoles')).length;
	const structures = input.organisations.length;
	const open = input.fundingTools.filter(
		(f) => f.tool.availability === 'ouvert' || f.tool.availability === 'appel-a-projets'
	).length;
	const numbers: KeyNumber[] = [
		{ id: 'initiatives', value: n, label: plural(n, 'initiative ou ressource', 'initiatives et ressources') },
		{
			id: 'benevoles',
			value: volunteers,
			label: 'en recherche de bénévoles'
		},
		{
			id: 'structures',
			value: structures,
			label: plural(structures, 'structure de l’ESS ici ou à côté', 'structures de l’ESS ici ou à côté')
		},
		{
			id: 'financements',
			value: open,
			label: plural(open, 'aide ouverte aux initiatives', 'aides ouvertes aux initiatives')
		}
	];
	if (input.qpv.length) {
		numbers.push({
			id: 'qpv',
			value: input.qpv.length,
			label: plural(input.qpv.length, 'quartier prioritaire (QPV)', 'quartiers prioritaires (QPV)')
		});
	}
	if (input.population !== undefined) {
		numbers.push({ id: 'population', value: input.population, label: 'habitants' });
	}
	return numbers;
}

/**
 * The main map zoomed on the area and showing only its places (`at=zoom/lat/lon`, `lieu=` a quartier code
 * or a commune INSEE code; the explorer's URL state, src/lib/domain/map/map-url.ts).
 * `fond`: a basemap for this link (the offline pack asks for the built-in one).
 */
export function mapHref(area: Area, fond?: BasemapCode): string {
	const zoom = area.kind === 'quartier' ? 15 : area.code === '67482' ? 12 : 14;
	return route.map({
		at: { zoom, lat: area.point.lat, lon: area.point.lon },
		filters: { lieu: [area.code] },
		fond
	});
}
