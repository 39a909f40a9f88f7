/**
 * Loading for /quartiers and /quartiers/[slug]: a slug is a Strasbourg quartier or one of the 33 communes
 * (slugs are unique across both, checked by data:check). The choices of what to show are pure functions
 * in $lib/domain/quartier-page; the queries use the indexed area columns (src/lib/server/db/areas.ts).
 */
import {
	communeArea,
	groupBySubQuartier,
	keyNumbers,
	mapHref,
	NEARBY_METERS,
	nearbyOrganisations,
	quartierArea,
	residentFundingTools,
	type Area
} from '$lib/domain/quartier-page';
import { bboxOf } from '$lib/geo/bbox';
import { circlePolygon } from '$lib/geo/circle';
import { countPublishedByArea, listPublishedInArea, listPublishedInBbox } from './db/areas';
import type { Db } from './db/connection';
import { listCommunes, listQpv, listQuartiers, listRecords } from './db/records';

const STRASBOURG = '67482';

/** The index: Strasbourg's 10 quartiers with their sub-quartiers, then the 32 other communes. */
export function quartiersIndex(db: Db) {
	const { byQuartier, byCommune } = countPublishedByArea(db, 'initiative');
	const communes = listCommunes(db);
	const strasbourg = communes.find((c) => c.code === STRASBOURG);
	return {
		strasbourg: strasbourg && {
			slug: strasbourg.slug,
			name: strasbourg.name,
			initiatives: byCommune.get(STRASBOURG) ?? 0
		},
		quartiers: listQuartiers(db).map((q) => ({
			slug: q.slug,
			name: q.name,
			subQuartiers: q.subQuartiers.map((s) => ({ slug: s.slug, name: s.name })),
			initiatives: byQuartier.get(q.code) ?? 0
		})),
		communes: communes
			.filter((c) => c.code !== STRASBOURG)
			.map((c) => ({
				slug: c.slug,
				name: c.name,
				postcodes: c.postcodes,
				initiatives: byCommune.get(c.code) ?? 0
			}))
	};
}

function findArea(db: Db, slug: string): Area | undefined {
	const q = listQuartiers(db).find((x) => x.slug === slug);
	if (q) return quartierArea(q);
	const c = listCommunes(db).find((x) => x.slug === slug);
	return c ? communeArea(c) : undefined;
}

/** Everything a quartier or commune page shows, or undefined for an unknown slug. */
export function areaPage(db: Db, slug: string) {
	const area = findArea(db, slug);
	if (!area) return undefined;
	const where = area.kind === 'quartier' ? { quartierCode: area.code } : { communeCode: area.code };
	const here = listPublishedInArea(db, 'initiative', where);
	const isStrasbourg = area.kind === 'commune' && area.code === STRASBOURG;
	// Strasbourg's own page lists its quartiers; only initiatives with no quartier stay on it.
	const listed = isStrasbourg ? here.filter((i) => !i.quartierCode) : here;
	const qpv = listQpv(db).filter((q) =>
		area.kind === 'quartier' ? q.quartierCode === area.code : q.communeCode === area.code
	);
	const around = bboxOf(circlePolygon(area.point, NEARBY_METERS[area.kind]).geometry);
	const organisations = nearbyOrganisations(
		[...listPublishedInArea(db, 'organisation', where), ...listPublishedInBbox(db, 'organisation', around)],
		area
	);
	const fundingTools = residentFundingTools(
		listRecords(db, 'funding-tool').map(({ version: _version, ...tool }) => tool),
		{ communeCode: area.communeCode, hasQpv: qpv.length > 0 }
	);
	const commune = listCommunes(db).find((c) => c.code === area.communeCode);

	return {
		area,
		commune: commune && { slug: commune.slug, name: commune.name },
		quartiersOfCommune: isStrasbourg
			? listQuartiers(db).map((q) => ({
					slug: q.slug,
					name: q.name,
					initiatives: here.filter((i) => i.quartierCode === q.code).length
				}))
			: [],
		groups: groupBySubQuartier(listed, area),
		organisations,
		fundingTools,
		qpv: qpv.map((q) => ({ slug: q.slug, name: q.name })),
		keyNumbers: keyNumbers({
			initiatives: here,
			organisations,
			fundingTools,
			qpv,
			population: area.kind === 'commune' ? area.population : undefined
		}),
		mapHref: mapHref(area)
	};
}
