/**
 * The Atom feeds of new and updated records, so residents and advisers follow the funding tools, or the
 * initiatives of one quartier or commune, in a feed reader without giving an e-mail address.
 * `/flux/financements.atom`, `/flux/initiatives.atom`, `/flux/initiatives.atom?quartier=<slug>` (the slug of a
 * quartier or commune page). The store's dates come in with the catalogue: when each record was created and
 * last changed.
 */
import type { Catalogue } from '$lib/domain/catalogue';
import { labelOf } from '$lib/domain/taxonomies';
import { describeDates } from '$lib/domain/events/schedule';
import type { EventRecord, FundingTool, Initiative } from '$lib/domain/records';
import { writeAtom, type AtomEntry } from '$lib/io/atom';
import { route } from '$lib/links';
import { areaParam } from './area-param';

export interface RecordTimes {
	id: string;
	createdAt: string;
	updatedAt: string;
}

/** How many entries a feed carries: the latest changes; readers keep what they have already seen. */
export const FEED_SIZE = 50;
const SUMMARY_MAX = 600;

const summaryOf = (text: string) =>
	text.length > SUMMARY_MAX ? `${text.slice(0, SUMMARY_MAX - 1).trimEnd()}…` : text;

/** The host part of a `tag:` URI (RFC 4151), from the site's address. */
const tagAuthority = (siteUrl: string) => `${new URL(siteUrl).hostname},2026`;

function entries<R extends FundingTool | Initiative | EventRecord>(
	catalogue: Catalogue,
	times: readonly RecordTimes[],
	keep: (r: R) => boolean,
	describe: (r: R) => { summary: string; categories: string[] },
	siteUrl: string
): AtomEntry[] {
	const out: AtomEntry[] = [];
	for (const t of times) {
		const record = catalogue.byId.get(t.id)?.record as R | undefined;
		if (!record || !keep(record)) continue;
		const { summary, categories } = describe(record);
		out.push({
			id: `tag:${tagAuthority(siteUrl)}:${record.kind}/${record.id}`,
			title: record.name,
			updated: t.updatedAt,
			published: t.createdAt,
			link: new URL(route.record(record), siteUrl).href,
			summary: summaryOf(summary),
			categories
		});
		if (out.length === FEED_SIZE) break;
	}
	return out;
}

function feedXml(opts: {
	name: 'financements' | 'initiatives' | 'evenements';
	title: string;
	subtitle: string;
	quartier?: string;
	alternate: string;
	entries: AtomEntry[];
	siteUrl: string;
}) {
	const self = new URL(route.feed(opts.name, { quartier: opts.quartier }), opts.siteUrl).href;
	return writeAtom({
		id: self,
		title: opts.title,
		subtitle: opts.subtitle,
		// An empty feed still needs a date: the epoch says « nothing yet » without inventing a change.
		updated: opts.entries.reduce((max, e) => (e.updated > max ? e.updated : max), '1970-01-01T00:00:00.000Z'),
		self,
		alternate: new URL(opts.alternate, opts.siteUrl).href,
		author: { name: 'Carto ESS', uri: new URL(route.home(), opts.siteUrl).href },
		rights: 'Données sous Licence Ouverte 2.0 (Etalab)',
		entries: opts.entries
	});
}

/** `/flux/financements.atom`: funding tools, most recently added or changed first. */
export function fundingFeed(catalogue: Catalogue, times: readonly RecordTimes[], siteUrl: string): string {
	return feedXml({
		name: 'financements',
		title: 'Carto ESS : outils de financement de l’ESS',
		subtitle:
			'Outils de financement et d’accompagnement de l’ESS à Strasbourg et dans l’Eurométropole, ajoutés ou mis à jour.',
		alternate: route.funding(),
		siteUrl,
		entries: entries<FundingTool>(
			catalogue,
			times,
			() => true,
			(t) => ({
				summary: [
					t.types.map((c) => labelOf('fundingType', c)).join(', '),
					`Disponibilité : ${labelOf('availability', t.availability).toLowerCase()}.`,
					t.description
				].join(' · '),
				categories: [
					...t.types.map((c) => labelOf('fundingType', c)),
					...t.stages.map((c) => labelOf('stage', c))
				]
			}),
			siteUrl
		)
	});
}

export type InitiativesFeed = { ok: true; xml: string } | { ok: false; message: string };

/**
 * `/flux/initiatives.atom`, optionally `?quartier=<slug>`: a Strasbourg quartier's or a commune's slug, as
 * in the address of its page. An unknown slug is refused with a message (a feed reader shows the error).
 */
export function initiativesFeed(
	catalogue: Catalogue,
	times: readonly RecordTimes[],
	url: URL,
	siteUrl: string
): InitiativesFeed {
	const area = areaParam(catalogue.geo, url);
	if (!area.ok) return area;
	const { slug, keep } = area;
	const named = area.quartier ?? area.commune;
	const where = area.quartier
		? `le quartier ${area.quartier.name}`
		: (named?.name ?? 'Strasbourg et l’Eurométropole');
	const alternate = named ? route.quartier(named) : route.quartiers();
	const names = new Map(
		[...catalogue.geo.quartiers, ...catalogue.geo.communes].map((a) => [a.code, a.name] as const)
	);
	return {
		ok: true,
		xml: feedXml({
			name: 'initiatives',
			title: `Carto ESS : initiatives à ${where}`.replace('à le quartier', 'dans le quartier'),
			subtitle: `Initiatives d’habitants et lieux ressources ajoutés ou mis à jour (${where}).`,
			quartier: slug,
			alternate,
			siteUrl,
			entries: entries<Initiative>(
				catalogue,
				times,
				keep,
				(i) => {
					const place = names.get(i.quartierCode ?? '') ?? names.get(i.communeCode ?? '');
					return {
						summary: [labelOf('initiativeType', i.initiativeType), place, i.description]
							.filter(Boolean)
							.join(' · '),
						categories: [labelOf('initiativeType', i.initiativeType)]
					};
				},
				siteUrl
			)
		})
	};
}

/**
 * `/flux/evenements.atom`, optionally `?quartier=<slug>` (a quartier's or a commune's, as for initiatives):
 * events added or changed, most recent change first, each with its dates in words. An unknown slug is
 * refused with a message.
 */
export function eventsFeed(
	catalogue: Catalogue,
	times: readonly RecordTimes[],
	url: URL,
	siteUrl: string
): InitiativesFeed {
	const area = areaParam(catalogue.geo, url);
	if (!area.ok) return area;
	const { slug, keep } = area;
	const where = area.quartier
		? `le quartier ${area.quartier.name}`
		: (area.commune?.name ?? 'Strasbourg et l’Eurométropole');
	const alternate = area.quartier
		? route.agenda({ quartier: area.quartier.slug })
		: area.commune
			? route.agenda({ commune: area.commune.slug })
			: route.agenda();
	return {
		ok: true,
		xml: feedXml({
			name: 'evenements',
			title: `Carto ESS : événements à ${where}`.replace('à le quartier', 'dans le quartier'),
			subtitle: `Événements de l’ESS ajoutés ou mis à jour (${where}).`,
			quartier: slug,
			alternate,
			siteUrl,
			entries: entries<EventRecord>(
				catalogue,
				times,
				keep,
				(e) => ({
					summary: [
						describeDates(e),
						e.eventStatus === 'annonce' ? undefined : labelOf('eventStatus', e.eventStatus),
						e.description
					]
						.filter(Boolean)
						.join(' · '),
					categories: [
						'Événement',
						...e.thematiques.map((t) => catalogue.geo.thematiques.find((x) => x.code === t)?.label ?? t)
					]
				}),
				siteUrl
			)
		})
	};
}
