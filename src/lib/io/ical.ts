/**
 * iCalendar (RFC 5545) writing, as io/atom.ts writes Atom: the caller says what the calendar and its events
 * are, ical-generator writes the format (escaping, line folding, TZID, RRULE). Pure.
 */
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';

export const PARIS = 'Europe/Paris';

/**
 * Europe/Paris as a VTIMEZONE (the EU's summer time rule since 1996: last Sunday of March and of
 * October), so a calendar never guesses what TZID=Europe/Paris means.
 */
const PARIS_VTIMEZONE = [
	'BEGIN:VTIMEZONE',
	'TZID:Europe/Paris',
	'X-LIC-LOCATION:Europe/Paris',
	'BEGIN:DAYLIGHT',
	'TZOFFSETFROM:+0100',
	'TZOFFSETTO:+0200',
	'TZNAME:CEST',
	'DTSTART:19700329T020000',
	'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
	'END:DAYLIGHT',
	'BEGIN:STANDARD',
	'TZOFFSETFROM:+0200',
	'TZOFFSETTO:+0100',
	'TZNAME:CET',
	'DTSTART:19701025T030000',
	'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
	'END:STANDARD',
	'END:VTIMEZONE'
].join('\r\n');

export interface IcsEvent {
	uid: string;
	/** When the event's description last changed (DTSTAMP, in UTC). */
	stamp: Date;
	summary: string;
	/** Either a whole-day span (end exclusive, RFC 5545) or wall-clock times in Strasbourg. */
	when:
		{ allDay: true; start: string; endExclusive: string } | { allDay: false; start: string; end?: string };
	/** An RRULE value, e.g. `FREQ=WEEKLY;UNTIL=20270330T215959Z`. */
	rrule?: string;
	status: 'confirmed' | 'cancelled' | 'tentative';
	description: string;
	location: { title: string; geo?: { lat: number; lon: number } };
	url: string;
	categories: string[];
}

const STATUS = {
	confirmed: ICalEventStatus.CONFIRMED,
	cancelled: ICalEventStatus.CANCELLED,
	tentative: ICalEventStatus.TENTATIVE
} as const;

export function writeCalendar(
	meta: { name: string; description: string; url: string; refreshSeconds: number },
	events: readonly IcsEvent[]
): string {
	const cal = ical({
		name: meta.name,
		description: meta.description,
		prodId: { company: 'Carto ESS', product: 'agenda', language: 'FR' },
		method: ICalCalendarMethod.PUBLISH,
		url: meta.url,
		// No calendar-wide zone (DTSTAMP stays in UTC); events with a time carry TZID=Europe/Paris, defined here.
		timezone: { name: null, generator: (tz) => (tz === PARIS ? PARIS_VTIMEZONE : null) },
		ttl: meta.refreshSeconds
	});
	for (const e of events) {
		cal.createEvent({
			id: e.uid,
			stamp: e.stamp,
			summary: e.summary,
			...(e.when.allDay
				? { start: e.when.start, end: e.when.endExclusive, allDay: true }
				: { start: e.when.start, ...(e.when.end ? { end: e.when.end } : {}), timezone: PARIS }),
			...(e.rrule ? { repeating: e.rrule } : {}),
			status: STATUS[e.status],
			description: e.description,
			location: { title: e.location.title, ...(e.location.geo ? { geo: e.location.geo } : {}) },
			url: e.url,
			categories: e.categories.map((name) => ({ name }))
		});
	}
	return cal.toString();
}
