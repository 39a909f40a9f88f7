/**
 * The events of the read API (`/api/v1/evenements`): which days a query asks for (`depuis`, `jusqua`,
 * `passes`), which events have an occurrence in them, in what order, and each event's dates as a re-user
 * needs them: ISO 8601 with the Strasbourg offset, the repetition as an RRULE, the next occurrence. Pure:
 * the caller gives « today » (the date in Strasbourg).
 */
import { z } from 'zod';
import {
	describeDates,
	nextOccurrence,
	occurrencesBetween,
	type EventDates,
	type Occurrence
} from '$lib/domain/events/schedule';
import type { QueryError } from '$lib/domain/query';
import type { EventRecord } from '$lib/domain/records';
import { parisInstant, rrule } from './agenda-ics';

/** The API's own parameters for events, besides the filters and the paging. */
export const EVENT_WINDOW_PARAMS = ['depuis', 'jusqua', 'passes'] as const;

/** The days asked, both included; absent: no bound. */
export interface EventWindow {
	from?: string;
	to?: string;
}

const windowSchema = z.object({
	depuis: z.iso
		.date({
			error: '« depuis » : date attendue au format AAAA-MM-JJ (une date qui existe), par exemple 2027-06-12'
		})
		.optional(),
	jusqua: z.iso
		.date({
			error: '« jusqua » : date attendue au format AAAA-MM-JJ (une date qui existe), par exemple 2027-06-30'
		})
		.optional(),
	passes: z
		.enum(['0', '1'], {
			error: '« passes » : 1 pour inclure les événements passés, 0 (ou absent) pour les seuls à venir'
		})
		.optional()
});

/**
 * Reads `depuis`, `jusqua` and `passes`. Without them: the events under way or to come (their last day is
 * today or later). `passes=1` drops that lower bound; `depuis` replaces it (it may be in the past);
 * `jusqua` keeps the events with an occurrence starting on or before that day. Never throws: the first
 * problem names its parameter.
 */
export function parseEventWindow(
	params: URLSearchParams,
	today: string
): { ok: true; window: EventWindow } | { ok: false; error: QueryError } {
	const raw: Record<string, string> = {};
	for (const name of EVENT_WINDOW_PARAMS) {
		const all = params.getAll(name);
		if (all.length > 1)
			return { ok: false, error: { parameter: name, message: `« ${name} » donné plusieurs fois` } };
		if (all.length === 1) raw[name] = all[0].trim();
	}
	const parsed = windowSchema.safeParse(raw);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		return { ok: false, error: { parameter: String(issue.path[0]), message: issue.message } };
	}
	const { depuis, jusqua, passes } = parsed.data;
	if (depuis && jusqua && jusqua < depuis)
		return {
			ok: false,
			error: { parameter: 'jusqua', message: `« jusqua » (${jusqua}) précède « depuis » (${depuis})` }
		};
	const from = depuis ?? (passes === '1' ? undefined : today);
	return { ok: true, window: { ...(from ? { from } : {}), ...(jusqua ? { to: jusqua } : {}) } };
}

const FIRST_DAY = '0000-01-01';
const LAST_DAY = '9999-12-31';

/** The event's first occurrence within the window, or undefined when it has none there. */
export function firstInWindow(e: EventDates, w: EventWindow): Occurrence | undefined {
	return occurrencesBetween(e, w.from ?? FIRST_DAY, w.to ?? LAST_DAY)[0];
}

/**
 * The events with an occurrence in the window, by the start of that occurrence (an event under way first,
 * then by date), the catalogue's name order breaking ties.
 */
export function eventsInWindow<E extends EventDates>(events: readonly E[], w: EventWindow): E[] {
	return events
		.map((e, i) => ({ e, i, o: firstInWindow(e, w) }))
		.filter((x): x is { e: E; i: number; o: Occurrence } => x.o !== undefined)
		.sort((a, b) => (a.o.start < b.o.start ? -1 : a.o.start > b.o.start ? 1 : a.i - b.i))
		.map((x) => x.e);
}

/** `+01:00` or `+02:00`: Strasbourg's offset from UTC at that wall-clock time. */
function parisOffset(date: string, time: string): string {
	const wall = Date.parse(`${date}T${time}:00Z`);
	const minutes = Math.round((wall - parisInstant(date, `${time}:00`).getTime()) / 60_000);
	const sign = minutes < 0 ? '-' : '+';
	const abs = Math.abs(minutes);
	return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * ISO 8601: `2027-06-12T14:00:00+02:00` when the time is published, the day alone (`2027-06-12`) when it
 * is not (an all-day event, or an end hour nobody gave): no hour is made up.
 */
export function isoDateTime(date: string, time?: string): string {
	return time ? `${date}T${time}:00${parisOffset(date, time)}` : date;
}

const FREQUENCY = { hebdomadaire: 'weekly', mensuelle: 'monthly', annuelle: 'yearly' } as const;

export interface ApiOccurrence {
	start: string;
	end: string;
}

/** What the API adds to an event's stored fields: its dates ready to use. */
export interface EventSchedule {
	timeZone: 'Europe/Paris';
	/** No time published: the dates are whole days. */
	allDay: boolean;
	/** The first occurrence. */
	start: string;
	end: string;
	/** null: one occurrence (one day or several days in a row). */
	recurrence: null | {
		frequency: 'weekly' | 'monthly' | 'yearly';
		/** The last day an occurrence may start on. */
		until: string;
		/** The same repetition as an iCalendar RRULE (RFC 5545; months without the start's day are skipped). */
		rrule: string;
	};
	/** The occurrence under way today or the next one; null when the event is over. */
	next: ApiOccurrence | null;
	past: boolean;
	/** The dates in French words, as the agenda shows them. */
	text: string;
}

function occurrence(e: EventRecord, o: Occurrence): ApiOccurrence {
	return { start: isoDateTime(o.start, e.startTime), end: isoDateTime(o.end, e.endTime) };
}

export function eventSchedule(e: EventRecord, today: string): EventSchedule {
	const next = nextOccurrence(e, today);
	const rule = rrule(e);
	return {
		timeZone: 'Europe/Paris',
		allDay: !e.startTime,
		...occurrence(e, { start: e.startDate, end: e.endDate ?? e.startDate }),
		recurrence:
			e.recurrence !== 'aucune' && e.recurrenceUntil && rule
				? { frequency: FREQUENCY[e.recurrence], until: e.recurrenceUntil, rrule: rule }
				: null,
		next: next ? occurrence(e, next) : null,
		past: next === undefined,
		text: describeDates(e)
	};
}
