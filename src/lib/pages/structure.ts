/** /structures/[slug]: one published organisation, its links to other records and the funding open to it. */
import { kindLines } from '$lib/domain/buyers/supplier';
import { formatDate } from '$lib/domain/format';
import { recordBySlug, type Catalogue } from '$lib/domain/catalogue';
import { fittingTools } from '$lib/domain/funding/organisation';
import type { Organisation } from '$lib/domain/records';
import { labelOf, legalForm } from '$lib/domain/taxonomies';
import { route } from '$lib/links';
import { organisationJsonLd, serializeJsonLd } from './json-ld';
import { registerFacts } from './register';
import {
	RELATED_MAX,
	mapHref,
	placeFacts,
	related,
	sameQuartier,
	sameThematique,
	summaryOf,
	themes
} from './related';

/** The funding tools open to the organisation, the finder link for its profile, and that profile in words. */
function fundingFor(c: Catalogue, o: Organisation, now: Date) {
	const fit = fittingTools(o, c.fundingTools, c.geo, now);
	if (!fit) return undefined;
	const { profile, fitting } = fit;
	return {
		tools: fitting.slice(0, RELATED_MAX).map((e) => related(c, e.tool)),
		total: fitting.length,
		finderHref: route.fundingFinder(profile),
		basis: [
			profile.structure ? labelOf('audience', profile.structure) : 'statut fiscal non connu',
			profile.forme ? labelOf('legalForm', profile.forme) : undefined,
			profile.territoire?.label
		]
			.filter(Boolean)
			.join(', ')
	};
}

/** GET /structures/[slug]: undefined when no published organisation has this slug. */
export function organisationPage(c: Catalogue, slug: string, siteUrl: string, now = new Date()) {
	const o = recordBySlug(c, 'organisation', slug);
	if (!o) return undefined;
	const place = placeFacts(c, o);
	const canonical = `${siteUrl}${route.record(o)}`;
	const form = legalForm(o.legalForm);
	const parent = o.parentId ? c.byId.get(o.parentId)?.record : undefined;
	const nearby = sameQuartier(c, o);
	return {
		record: o,
		place,
		labels: {
			family: labelOf('family', form.family),
			legalForm: form.label,
			roles: o.roles.map((r) => labelOf('role', r)),
			approvals: o.approvals.map((a) => labelOf('approval', a)),
			fiscalStatus: labelOf('fiscalStatus', o.fiscalStatus),
			sectors: o.sectors.map((s) => labelOf('sector', s))
		},
		/** Each approval with the publication that proves it, when the record has one. */
		kinds: kindLines(o).map((k) => ({
			code: k.approval,
			label: k.label,
			proof: k.proof && { ...k.proof, iso: k.proof.date, date: formatDate(k.proof.date) }
		})),
		register: registerFacts(o),
		thematiques: themes(c, o.thematiques),
		parent: parent ? related(c, parent) : undefined,
		children: c.organisations.filter((r) => r.parentId === o.id).map((r) => related(c, r)),
		carried: c.initiatives.filter((r) => r.carrier.organisationId === o.id).map((r) => related(c, r)),
		provided: (c.toolsByProvider.get(o.id) ?? []).map((r) => related(c, r)),
		sameQuartier: nearby,
		sameThematique: sameThematique(c, o, new Set(nearby.map((n) => n.id))),
		funding: fundingFor(c, o, now),
		canonical,
		description: summaryOf(o.description),
		mapHref: mapHref(o),
		jsonLd: serializeJsonLd(organisationJsonLd(o, place, canonical))
	};
}
