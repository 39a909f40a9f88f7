/**
 * The agenda (/agenda, /agenda/<slug>): events to come by month, the archive of past ones, one event's page
 * and its schema.org Event. Pure functions of the catalogue, the URL and « today » in Strasbourg (the
 * caller's clock), so the pages are never cached past the day.
 */
import { recordBySlug, type Catalogue } from '$lib/domain/catalogue';
import {
	allOccurrences,
	describeDates,
	frenchMonth,
	frenchSpan,
	nextOccurrence,
	type EventDates,
	type Occurrence
} from '$lib/domain/events/schedule';
import { selectionMatcher } from '$lib/domain/filters/match';
import { readLenient } from '$lib/domain/filters/url';
import type { FilterSelection } from '$lib/domain/filters/types';
import type { EventRecord, PublicRecord } from '$lib/domain/records';
import { labelOf, type EventStatus } from '$lib/domain/taxonomies';
import { route, type AgendaFilters } from '$lib/links';
import { serializeJsonLd, type JsonLd } from './json-ld';
import { mapHref, placeFacts, summaryOf, themes } from './related';

/** The agenda's own filters: where (commune, quartier) and what (thématique). */
const AGENDA_FILTERS = ['commune', 'quartier', 'thematique'] as const;

export interface EventCard {
	id: string;
	name: string;
	href: string;
	/** The dates in words (« le samedi 13 juin 2026, de 14 h à 18 h », « chaque semaine… »). */
	when: string;
	/** The same dates, for a page that writes them in another language (lib/i18n/area.ts). */
	dates: EventDates;
	/** The occurrence shown: the next one (to come), or the last one (archive). */
	occurrence: Occurrence;
	/** « annulé », « reporté »; undefined for an announced event. */
	statusLabel?: string;
	/** The status's code beside its label; undefined for an announced event. */
	status?: Exclude<EventStatus, 'annonce'>;
	where: string;
	/** False when `where` is only « Lieu non précisé » (the site's words, not the record's). */
	placeKnown: boolean;
	organisers: { name: string; href: string }[];
	thematiques: string[];
	/** The thématiques' codes beside their labels, in the same order. */
	thematiqueCodes: string[];
}

const UNKNOWN_PLACE = 'Lieu non précisé';

function whereOf(c: Catalogue, e: EventRecord): string {
	const place = e.placeId ? c.byId.get(e.placeId)?.record : undefined;
	const facts = placeFacts(c, e);
	return [place?.name, e.address, facts.placeLabel].filter(Boolean).join(', ') || UNKNOWN_PLACE;
}

export function eventCard(c: Catalogue, e: EventRecord, occurrence: Occurrence): EventCard {
	const where = whereOf(c, e);
	const themed = themes(c, e.thematiques);
	return {
		id: e.id,
		name: e.name,
		href: route.record(e),
		when: describeDates(e),
		dates: {
			startDate: e.startDate,
			endDate: e.endDate,
			startTime: e.startTime,
			endTime: e.endTime,
			recurrence: e.recurrence,
			recurrenceUntil: e.recurrenceUntil
		},
		occurrence,
		statusLabel:
			e.eventStatus === 'annonce' ? undefined : labelOf('eventStatus', e.eventStatus).toLowerCase(),
		status: e.eventStatus === 'annonce' ? undefined : e.eventStatus,
		where,
		placeKnown: where !== UNKNOWN_PLACE,
		organisers: e.organiserIds.flatMap((id) => {
			const o = c.byId.get(id)?.record;
			return o ? [{ name: o.name, href: route.record(o) }] : [];
		}),
		thematiques: themed.map((t) => t.label),
		thematiqueCodes: themed.map((t) => t.code)
	};
}

/** Events to come (or under way), the soonest first. */
export function upcomingEvents(
	c: Catalogue,
	today: string,
	keep: (e: EventRecord) => boolean = () => true
): EventCard[] {
	return c.events
		.filter(keep)
		.flatMap((e) => {
			const next = nextOccurrence(e, today);
			return next ? [eventCard(c, e, next)] : [];
		})
		.sort(
			(a, b) => a.occurrence.start.localeCompare(b.occurrence.start) || a.name.localeCompare(b.name, 'fr')
		);
}

/** Past events, the latest first, each by its last occurrence. */
export function pastEvents(
	c: Catalogue,
	today: string,
	keep: (e: EventRecord) => boolean = () => true
): EventCard[] {
	return c.events
		.filter(keep)
		.flatMap((e) => {
			if (nextOccurrence(e, today)) return [];
			const all = allOccurrences(e);
			return [eventCard(c, e, all[all.length - 1])];
		})
		.sort(
			(a, b) => b.occurrence.start.localeCompare(a.occurrence.start) || a.name.localeCompare(b.name, 'fr')
		);
}

/** Cards grouped under their month (an event under way counts in the current month). */
function byMonth(cards: EventCard[], today: string) {
	const months: { key: string; label: string; events: EventCard[] }[] = [];
	for (const card of cards) {
		const day = card.occurrence.start < today && card.occurrence.end >= today ? today : card.occurrence.start;
		const key = day.slice(0, 7);
		let month = months.find((m) => m.key === key);
		if (!month) months.push((month = { key, label: frenchMonth(key), events: [] }));
		month.events.push(card);
	}
	return months;
}

/** The filters read from the URL: codes for matching, slugs for links, and what was refused. */
export function readAgendaFilters(c: Catalogue, params: URLSearchParams) {
	const { selection, rejected } = readLenient(params, 'annuaire', c.geo);
	const ignored = rejected.filter((r) => (AGENDA_FILTERS as readonly string[]).includes(r.parameter));
	const picked: FilterSelection = {};
	for (const key of AGENDA_FILTERS) if (selection[key]?.length) picked[key] = selection[key]!.slice(0, 1);
	const commune = c.geo.communes.find((x) => x.code === picked.commune?.[0]);
	const quartier = c.geo.quartiers.find((x) => x.code === picked.quartier?.[0]);
	const thematique = c.geo.thematiques.find((x) => x.code === picked.thematique?.[0]);
	const links: AgendaFilters = {
		commune: commune?.slug,
		quartier: quartier?.slug,
		thematique: thematique?.code
	};
	return {
		selection: picked,
		links,
		commune,
		quartier,
		thematique,
		notes: ignored.map((r) => `Filtre ignoré : ${r.message}.`),
		/** The same, as the filter and the value refused, for a page in another language. */
		ignored: ignored.map((r) => ({ filter: r.filter.key, value: r.value }))
	};
}

/** GET /agenda: events to come by month, or the archive (`passes=1`), filtered by commune, quartier, thématique. */
export function agendaPage(c: Catalogue, url: URL, today: string) {
	const f = readAgendaFilters(c, url.searchParams);
	const match = selectionMatcher(f.selection) as (e: PublicRecord) => boolean;
	const archive = url.searchParams.get('passes') === '1';
	const upcoming = upcomingEvents(c, today, match);
	const past = pastEvents(c, today, match);
	const shown = archive ? past : upcoming;
	const filtered = Object.keys(f.selection).length > 0;
	const where = f.quartier?.name ?? f.commune?.name;
	return {
		archive,
		today,
		months: byMonth(shown, today),
		count: shown.length,
		upcomingCount: upcoming.length,
		pastCount: past.length,
		filtered,
		selected: f.links,
		notes: f.notes,
		ignored: f.ignored,
		/** The heading's parts: the place's name is content, the thématique has its own translation. */
		where,
		thematique: f.thematique && { code: f.thematique.code, label: f.thematique.label },
		heading: [archive ? 'Événements passés' : 'Événements à venir', where, f.thematique?.label]
			.filter(Boolean)
			.join(' · '),
		options: {
			communes: c.geo.communes.map((x) => ({ value: x.slug, label: x.name })),
			quartiers: c.geo.quartiers.map((x) => ({ value: x.slug, label: x.name })),
			thematiques: c.geo.thematiques.map((x) => ({ value: x.code, label: x.label }))
		},
		links: {
			upcoming: route.agenda(f.links),
			archive: route.agenda({ ...f.links, passes: true }),
			reset: route.agenda(archive ? { passes: true } : {}),
			ics: route.agendaIcs({ quartier: f.links.quartier ?? f.links.commune, thematique: f.links.thematique }),
			atom: route.feed('evenements', { quartier: f.links.quartier ?? f.links.commune }),
			map: route.map({ filters: { layers: ['evenements'] } }),
			propose: route.proposeNew('evenement')
		}
	};
}

const EVENT_STATUS_LD = {
	annonce: 'https://schema.org/EventScheduled',
	annule: 'https://schema.org/EventCancelled',
	reporte: 'https://schema.org/EventPostponed'
} as const;
const REPEAT = { hebdomadaire: 'P1W', mensuelle: 'P1M', annuelle: 'P1Y' } as const;

const dateTime = (date: string, time?: string) => (time ? `${date}T${time}` : date);

/** schema.org Event: dates (with the repetition as an eventSchedule), status, place, organisers, sources. */
export function eventJsonLd(c: Catalogue, e: EventRecord, url: string): JsonLd {
	const facts = placeFacts(c, e);
	const place = e.placeId ? c.byId.get(e.placeId)?.record : undefined;
	const precise = e.location && (e.location.precision === 'address' || e.location.precision === 'street');
	const location = {
		'@type': 'Place',
		name: place?.name ?? e.address ?? facts.placeLabel ?? 'Eurométropole de Strasbourg',
		...(facts.communeName
			? {
					address: {
						'@type': 'PostalAddress',
						...(e.address ? { streetAddress: e.address } : {}),
						addressLocality: facts.communeName,
						...(facts.postcode ? { postalCode: facts.postcode } : {}),
						addressCountry: 'FR'
					}
				}
			: {}),
		...(precise && e.location
			? { geo: { '@type': 'GeoCoordinates', latitude: e.location.lat, longitude: e.location.lon } }
			: {})
	};
	return {
		'@context': 'https://schema.org',
		'@type': 'Event',
		'@id': url,
		url,
		name: e.name,
		description: e.description,
		startDate: dateTime(e.startDate, e.startTime),
		endDate: dateTime(e.endDate ?? e.startDate, e.endTime),
		eventStatus: EVENT_STATUS_LD[e.eventStatus],
		eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
		location,
		...(e.recurrence !== 'aucune' && e.recurrenceUntil
			? {
					eventSchedule: {
						'@type': 'Schedule',
						repeatFrequency: REPEAT[e.recurrence],
						startDate: e.startDate,
						endDate: e.recurrenceUntil,
						...(e.startTime ? { startTime: e.startTime } : {}),
						...(e.endTime ? { endTime: e.endTime } : {}),
						scheduleTimezone: 'Europe/Paris'
					}
				}
			: {}),
		organizer: e.organiserIds.flatMap((id) => {
			const o = c.byId.get(id)?.record;
			return o ? [{ '@type': 'Organization', name: o.name, url: new URL(route.record(o), url).href }] : [];
		}),
		...(e.url ? { sameAs: e.url } : {}),
		keywords: themes(c, e.thematiques)
			.map((t) => t.label)
			.join(', '),
		isBasedOn: e.sources.flatMap((s) => (s.url ? [s.url] : [])),
		subjectOf: { '@type': 'WebPage', url, dateModified: e.lastVerified }
	};
}

/** GET /agenda/<slug>: one published event, undefined when none has this slug. */
export function eventPage(c: Catalogue, slug: string, siteUrl: string, today: string) {
	const e = recordBySlug(c, 'event', slug);
	if (!e) return undefined;
	const canonical = `${siteUrl}${route.record(e)}`;
	const next = nextOccurrence(e, today);
	const all = allOccurrences(e);
	const place = e.placeId ? c.byId.get(e.placeId)?.record : undefined;
	const nextFew = e.recurrence === 'aucune' ? [] : all.filter((o) => o.end >= today).slice(0, 5);
	return {
		record: e,
		place: placeFacts(c, e),
		card: eventCard(c, e, next ?? all[all.length - 1]),
		past: next === undefined,
		/** For a repetition: the next dates, a few, so a visitor sees the rhythm at once. */
		nextDates: nextFew.map((o) => frenchSpan(o)),
		/** The same dates as occurrences, for a page in another language. */
		nextOccurrences: nextFew,
		statusLabel: labelOf('eventStatus', e.eventStatus),
		linkedPlace: place ? { name: place.name, href: route.record(place) } : undefined,
		thematiques: themes(c, e.thematiques),
		canonical,
		description: summaryOf(e.description),
		mapHref: mapHref(e),
		agendaHref: route.agenda(),
		jsonLd: serializeJsonLd(eventJsonLd(c, e, canonical))
	};
}

/** The events an organisation organises: those to come, and the past ones (latest first, a few). */
export function organiserEvents(c: Catalogue, organisationId: string, today: string) {
	const keep = (e: EventRecord) => e.organiserIds.includes(organisationId);
	return { upcoming: upcomingEvents(c, today, keep), past: pastEvents(c, today, keep).slice(0, 10) };
}

/** The events to come in a quartier or a commune, and the links to its agenda and feeds. */
export function areaEvents(
	c: Catalogue,
	area: { kind: 'quartier' | 'commune'; code: string; slug: string },
	today: string
) {
	const keep = (e: EventRecord) =>
		area.kind === 'quartier' ? e.quartierCode === area.code : e.communeCode === area.code;
	const filters = area.kind === 'quartier' ? { quartier: area.slug } : { commune: area.slug };
	return {
		upcoming: upcomingEvents(c, today, keep),
		agendaHref: route.agenda(filters),
		archiveHref: route.agenda({ ...filters, passes: true }),
		icsHref: route.agendaIcs({ quartier: area.slug }),
		atomHref: route.feed('evenements', { quartier: area.slug })
	};
}
