/**
 * Loading for /quartiers and /quartiers/[slug]: a slug is a Strasbourg quartier or one of the 33 communes
 * (slugs are unique across both, checked by data:check). The choices of what to show are pure functions
 * in $lib/domain/quartier-page.
 */
import {
	communeArea,
	groupBySubQuartier,
	inArea,
	keyNumbers,
	mapHref,
	nearbyOrganisations,
	quartierArea,
	residentFundingTools,
	type Area
} from '$lib/domain/quartier-page';
import type { Db } from './db/connection';
import { listCommunes, listQpv, listQuartiers, listRecords } from './db/records';

const STRASBOURG = '67482';

const strip = <T extends { version: number }>({ version: _version, ...rest }: T) => rest;

/** The index: Strasbourg's 10 quartiers with their sub-quartiers, then the 32 other communes. */
export function quartiersIndex(db: Db) {
	const initiatives = listRecords(db, 'initiative');
	const count = (pred: (i: (typeof initiatives)[number]) => boolean) => initiatives.filter(pred).length;
	const communes = listCommunes(db);
	const strasbourg = communes.find((c) => c.code === STRASBOURG);
	return {
		strasbourg: strasbourg && {
			slug: strasbourg.slug,
			name: strasbourg.name,
			initiatives: count((i) => i.communeCode === STRASBOURG)
		},
		quartiers: listQuartiers(db).map((q) => ({
			slug: q.slug,
			name: q.name,
			subQuartiers: q.subQuartiers.map((s) => ({ slug: s.slug, name: s.name })),
			initiatives: count((i) => i.quartierCode === q.code)
		})),
		communes: communes
			.filter((c) => c.code !== STRASBOURG)
			.map((c) => ({
				slug: c.slug,
				name: c.name,
				postcodes: c.postcodes,
				initiatives: count((i) => i.communeCode === c.code)
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
	const quartiers = listQuartiers(db);
	const allInitiatives = listRecords(db, 'initiative');
	const here = allInitiatives.filter((i) => inArea(i, area));
	// Strasbourg's own page lists its quartiers; only initiatives with no quartier stay on it.
	const listed =
		area.kind === 'commune' && area.code === STRASBOURG ? here.filter((i) => !i.quartierCode) : here;
	const qpv = listQpv(db).filter((q) =>
		area.kind === 'quartier' ? q.quartierCode === area.code : q.communeCode === area.code
	);
	const organisations = nearbyOrganisations(listRecords(db, 'organisation').map(strip), area);
	const fundingTools = residentFundingTools(listRecords(db, 'funding-tool').map(strip), {
		communeCode: area.communeCode,
		hasQpv: qpv.length > 0
	});
	const commune = listCommunes(db).find((c) => c.code === area.communeCode);

	return {
		area,
		commune: commune && { slug: commune.slug, name: commune.name },
		quartiersOfCommune:
			area.kind === 'commune' && area.code === STRASBOURG
				? quartiers.map((q) => ({
						slug: q.slug,
						name: q.name,
						initiatives: here.filter((i) => i.quartierCode === q.code).length
					}))
				: [],
		groups: groupBySubQuartier(listed.map(strip), area),
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
