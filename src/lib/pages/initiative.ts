/** /initiatives/[slug]: one published initiative, who carries it and what is around it. */
import { recordBySlug, type Catalogue } from '$lib/domain/catalogue';
import { carrierWords } from '$lib/domain/format';
import { labelOf } from '$lib/domain/taxonomies';
import { route } from '$lib/links';
import { initiativeJsonLd, serializeJsonLd } from './json-ld';
import { mapHref, placeFacts, related, sameQuartier, sameThematique, summaryOf, themes } from './related';

/** GET /initiatives/[slug]: undefined when no published initiative has this slug. */
export function initiativePage(c: Catalogue, slug: string, siteUrl: string) {
	const i = recordBySlug(c, 'initiative', slug);
	if (!i) return undefined;
	const place = placeFacts(c, i);
	const canonical = `${siteUrl}${route.record(i)}`;
	const carrierOrg = i.carrier.organisationId ? c.byId.get(i.carrier.organisationId)?.record : undefined;
	const nearby = sameQuartier(c, i);
	return {
		record: i,
		place,
		labels: {
			type: labelOf('initiativeType', i.initiativeType),
			carrierKind: labelOf('carrierKind', i.carrier.kind),
			carrier: carrierWords(labelOf('carrierKind', i.carrier.kind), carrierOrg?.name ?? i.carrier.name),
			needs: i.needs.map((n) => labelOf('need', n)),
			sectors: i.sectors.map((s) => labelOf('sector', s))
		},
		thematiques: themes(c, i.thematiques),
		carrier: carrierOrg ? related(c, carrierOrg) : undefined,
		sameQuartier: nearby,
		sameThematique: sameThematique(c, i, new Set(nearby.map((n) => n.id))),
		canonical,
		description: summaryOf(i.description),
		mapHref: mapHref(i),
		jsonLd: serializeJsonLd(initiativeJsonLd(i, place, canonical))
	};
}
