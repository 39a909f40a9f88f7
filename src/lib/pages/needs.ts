/**
 * /acheter/besoins: buyers' published needs, each with the suppliers that match it (the same search as
 * /acheter), the form to publish one and the buyer's private follow-up. Pure view models.
 */
import { activityFamilyLabel } from '$lib/domain/activity-families';
import { LEGAL_BASES, legalBasis } from '$lib/domain/buyers/bases';
import {
	INTEREST_FIELDS,
	INTEREST_STATUSES,
	INTEREST_STATUS_LABELS,
	NEED_FIELDS,
	NEED_STATUS_LABELS,
	type InterestStatus,
	type NeedForm,
	type NeedStatus
} from '$lib/domain/buyers/need';
import {
	BUYABLE_FAMILIES,
	emptySourcingQuery,
	findPlace,
	type SourcingQuery
} from '$lib/domain/buyers/query';
import { sourcing } from '$lib/domain/buyers/sourcing';
import type { Catalogue } from '$lib/domain/catalogue';
import { formatDate } from '$lib/domain/format';
import { route } from '$lib/links';

/** The form's choices: activities, places (quartiers then communes, by slug), bases. */
export function needFormOptions(c: Catalogue) {
	return {
		activites: BUYABLE_FAMILIES.map((f) => ({ value: f.code, label: f.label })),
		lieux: [
			{
				label: 'Quartiers de Strasbourg',
				options: c.geo.quartiers.map((x) => ({ value: x.slug, label: x.name }))
			},
			{ label: 'Communes', options: c.geo.communes.map((x) => ({ value: x.slug, label: x.name })) }
		],
		bases: LEGAL_BASES.map((b) => ({ value: b.code, label: b.label })),
		labels: NEED_FIELDS,
		interestLabels: INTEREST_FIELDS
	};
}

/** The places a need may name (slugs), for its validation. */
export const needPlaces = (c: Catalogue) =>
	new Set([...c.geo.quartiers.map((q) => q.slug), ...c.geo.communes.map((x) => x.slug)]);

/** The /acheter search a need stands for. */
export function needQuery(c: Catalogue, need: NeedForm): SourcingQuery {
	const place = findPlace(c.geo, need.lieu);
	return { ...emptySourcingQuery(), activite: need.activite, lieu: place?.code, base: need.base };
}

export function needSummary(c: Catalogue, id: string, need: NeedForm, status: NeedStatus, matchesShown = 3) {
	const q = needQuery(c, need);
	const result = sourcing(c.organisations, c.geo, q);
	const basis = need.base ? legalBasis(need.base)?.label : undefined;
	const place = result.place?.name ?? need.lieu;
	const deadline = formatDate(need.echeance);
	const count = result.matches.length;
	return {
		/** « Ville de Test · Strasbourg · réponse avant le 31 janvier 2027 · <basis> ». */
		line: [need.acheteur, place, `réponse avant le ${deadline}`, basis].filter(Boolean).join(' · '),
		matchText:
			count === 0
				? 'Aucune structure de la base ne répond encore à ce besoin.'
				: `${count} structure${count > 1 ? 's' : ''} de la base y répond${count > 1 ? 'ent' : ''}.`,
		id,
		title: need.titre,
		buyer: need.acheteur,
		activity: activityFamilyLabel(need.activite),
		place,
		basis,
		deadline,
		/** The same facts as codes, for a page in another language: `line` and `matchText` are French. */
		facts: { activity: need.activite, basis: need.base, deadline: need.echeance },
		description: need.description,
		status: NEED_STATUS_LABELS[status],
		href: route.acheterNeed(id),
		matchCount: result.matches.length,
		matches: result.matches
			.slice(0, matchesShown)
			.map((s) => ({ name: s.record.name, href: route.record(s.record) })),
		searchHref: route.acheter(q, c.geo, 'resultats')
	};
}

/** Open needs grouped by activity, in the activity families' order. */
export function needsListPage(
	c: Catalogue,
	needs: readonly { id: string; data: NeedForm; status: NeedStatus }[]
) {
	const groups = BUYABLE_FAMILIES.map((f) => ({
		code: f.code,
		label: f.label,
		needs: needs.filter((n) => n.data.activite === f.code).map((n) => needSummary(c, n.id, n.data, n.status))
	})).filter((g) => g.needs.length > 0);
	return {
		groups,
		total: needs.length,
		links: { publish: route.acheterNeedPublish(), search: route.acheter() }
	};
}

export function followPage(
	c: Catalogue,
	need: { id: string; data: NeedForm; status: NeedStatus; moderationNote?: string },
	interests: readonly {
		id: string;
		data: { structure: string; email: string; telephone?: string; message: string; erased?: true };
		status: InterestStatus;
		createdAt: string;
	}[]
) {
	return {
		need: { ...needSummary(c, need.id, need.data, need.status, 10), email: need.data.email },
		statusCode: need.status,
		moderationNote: need.moderationNote,
		interests: interests.map((i) => ({
			id: i.id,
			...i.data,
			status: i.status,
			statusLabel: INTEREST_STATUS_LABELS[i.status],
			received: formatDate(i.createdAt.slice(0, 10))
		})),
		statuses: INTEREST_STATUSES.map((s) => ({ value: s, label: INTEREST_STATUS_LABELS[s] }))
	};
}
