/**
 * The agenda as an iCalendar file (/agenda.ics, `?quartier=<slug>` of a quartier or a commune,
 * `?thematique=<code>`), for calendar applications that subscribe to it. io/ical.ts writes RFC 5545
 * (with ical-generator); this module says what each event is. Every event is in it, past
 * ones too: a subscribed calendar keeps its history, and a cancelled event says so (STATUS:CANCELLED)
 * rather than vanishing.
 */
import type { Catalogue } from '$lib/domain/catalogue';
import { dayNumber, isoOfDay, spanDays } from '$lib/domain/events/schedule';
import type { EventRecord } from '$lib/domain/records';
import { labelOf } from '$lib/domain/taxonomies';
import { PARIS, writeCalendar, type IcsEvent } from '$lib/io/ical';
import { route } from '$lib/links';
import { areaParam } from './area-param';
import { placeFacts, themes } from './related';

const OFFSET = new Intl.DateTimeFormat('en-US', { timeZone: PARIS, timeZoneName: 'longOffset' });

/** The UTC instant of a wall-clock time in Strasbourg (`GMT+01:00` or `GMT+02:00` that day). */
export function parisInstant(date: string, time: string): Date {
	const guess = new Date(`${date}T${time}Z`);
	const name = OFFSET.formatToParts(guess).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
	const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
	const minutes = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
	return new Date(guess.getTime() - minutes * 60_000);
}

const FREQ = { hebdomadaire: 'WEEKLY', mensuelle: 'MONTHLY', annuelle: 'YEARLY' } as const;
const compact = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** The RRULE: UNTIL is a date for an all-day event, and the UTC end of that day otherwise (RFC 5545 3.3.10). */
export function rrule(e: EventRecord): string | undefined {
	if (e.recurrence === 'aucune' || !e.recurrenceUntil) return undefined;
	const until = e.startTime
		? compact(parisInstant(e.recurrenceUntil, '23:59:59').toISOString())
		: compact(e.recurrenceUntil);
	return `FREQ=${FREQ[e.recurrence]};UNTIL=${until}`;
}

const STATUS = { annonce: 'confirmed', annule: 'cancelled', reporte: 'tentative' } as const;

export type AgendaIcs = { ok: true; ics: string } | { ok: false; message: string };

/** Which events: a quartier's or commune's slug (as on its page) and a thématique's code, both optional. */
export function agendaIcs(c: Catalogue, url: URL, siteUrl: string): AgendaIcs {
	const code = url.searchParams.get('thematique')?.trim() || undefined;
	const area = areaParam(c.geo, url);
	if (!area.ok) return area;
	const { quartier, commune } = area;
	const thematique = code ? c.geo.thematiques.find((t) => t.code === code) : undefined;
	if (code && !thematique)
		return {
			ok: false,
			message: `Thématique inconnue « ${code} » : les codes sont ${c.geo.thematiques.map((t) => t.code).join(', ')}.`
		};
	const keep = (e: EventRecord) => area.keep(e) && (!thematique || e.thematiques.includes(thematique.code));
	const where = quartier?.name ?? commune?.name;
	const host = new URL(siteUrl).hostname;
	const events = c.events.filter(keep).map((e): IcsEvent => {
		const page = new URL(route.record(e), siteUrl).href;
		const facts = placeFacts(c, e);
		const place = e.placeId ? c.byId.get(e.placeId)?.record : undefined;
		const precise = e.location && (e.location.precision === 'address' || e.location.precision === 'street');
		const last = e.endDate ?? e.startDate;
		const organisers = e.organiserIds.flatMap((id) => c.byId.get(id)?.record.name ?? []);
		const sources = e.sources.map((s) => [s.title, s.site, s.url ?? s.reference].filter(Boolean).join(', '));
		return {
			uid: `${e.id}@${host}`,
			// The day it was last checked: a calendar sees a change when we do, not at each download.
			stamp: new Date(`${e.lastVerified}T00:00:00Z`),
			summary:
				e.eventStatus === 'annonce'
					? e.name
					: `${e.name} (${labelOf('eventStatus', e.eventStatus).toLowerCase()})`,
			when: e.startTime
				? {
						allDay: false,
						start: `${e.startDate}T${e.startTime}:00`,
						end: e.endTime ? `${last}T${e.endTime}:00` : undefined
					}
				: {
						allDay: true,
						start: e.startDate,
						// All-day events end the day after their last day (DTEND is exclusive).
						endExclusive: isoOfDay(dayNumber(e.startDate) + spanDays(e) + 1)
					},
			rrule: rrule(e),
			status: STATUS[e.eventStatus],
			description: [
				e.description,
				organisers.length ? `Organisé par : ${organisers.join(', ')}.` : '',
				e.url ? `Programme : ${e.url}` : '',
				`Sources : ${sources.join(' ; ')}`,
				`Fiche : ${page}`
			]
				.filter(Boolean)
				.join('\n\n'),
			location: {
				title: [place?.name, e.address, facts.placeLabel].filter(Boolean).join(', ') || 'Lieu non précisé',
				geo: precise && e.location ? { lat: e.location.lat, lon: e.location.lon } : undefined
			},
			url: page,
			categories: themes(c, e.thematiques).map((t) => t.label)
		};
	});
	const ics = writeCalendar(
		{
			name: ['Agenda de l’ESS', where, thematique?.label].filter(Boolean).join(' · '),
			description:
				'Événements de l’économie sociale et solidaire à Strasbourg et dans l’Eurométropole (Carto ESS).',
			url: new URL(
				route.agenda({ quartier: quartier?.slug, commune: commune?.slug, thematique: thematique?.code }),
				siteUrl
			).href,
			refreshSeconds: 60 * 60 * 6
		},
		events
	);
	return { ok: true, ics };
}
