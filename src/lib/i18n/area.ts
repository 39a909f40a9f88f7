/**
 * The quartier pages', the flyer's, the agenda's and the embed builder's words in the reader's language.
 * lib/domain writes an event's dates in French (describeDates, frenchSpan, frenchMonth: the API, the feeds
 * and the tests read them); pages hand the same structured dates here, and French goes back through those
 * functions, so French pages read exactly as before while German and English are written with Intl.
 */
import {
	describeDates,
	frenchMonth,
	frenchSpan,
	spanDays,
	type EventDates,
	type Occurrence
} from '$lib/domain/events/schedule';
import { carrierWords, frenchList } from '$lib/domain/format';
import { m } from '$lib/paraglide/messages';
import { intlLocale } from './explorer';
import { termLabel } from './terms';

const french = () => intlLocale() === 'fr-FR';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

function dateFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
	return new Intl.DateTimeFormat(intlLocale(), { ...options, timeZone: 'UTC' });
}

const LONG_DAY: Intl.DateTimeFormatOptions = {
	weekday: 'long',
	day: 'numeric',
	month: 'long',
	year: 'numeric'
};
const LONG_DATE: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric' };

/** « 14:00 », « 9:30 »: a wall-clock time in Strasbourg as the locale writes it (no instant computed). */
function clock(hhmm: string): string {
	const [h, min] = hhmm.split(':').map(Number);
	return new Intl.DateTimeFormat(intlLocale(), {
		hour: 'numeric',
		minute: '2-digit',
		hourCycle: 'h23',
		timeZone: 'UTC'
	}).format(new Date(Date.UTC(2000, 0, 1, h, min)));
}

/** A month heading of the agenda (`2026-06`): « juin 2026 », « Juni 2026 », « June 2026 ». */
export function eventMonth(monthKey: string): string {
	if (french()) return frenchMonth(monthKey);
	return dateFormat({ month: 'long', year: 'numeric' }).format(day(`${monthKey}-01`));
}

/** One occurrence: « le samedi 13 juin 2026 », « am Samstag, 13. Juni 2026 », « 16–17 January 2014 ». */
export function eventSpan(o: Occurrence): string {
	if (french()) return frenchSpan(o);
	if (o.start === o.end) return m.area_date_on({ day: dateFormat(LONG_DAY).format(day(o.start)) });
	return dateFormat(LONG_DATE).formatRange(day(o.start), day(o.end));
}

function hours(d: EventDates): string {
	if (!d.startTime) return '';
	const start = clock(d.startTime);
	if (!d.endTime) return m.area_hours_from({ start });
	const end = clock(d.endTime);
	return spanDays(d) > 0 ? m.area_hours_days({ start, end }) : m.area_hours({ start, end });
}

/** « 13th », « 13. »: the day of the month in a repetition's rhythm. */
function dayOfMonth(n: number): string {
	if (intlLocale() !== 'en-GB') return m.area_day_of_month({ day: String(n) });
	const rule = new Intl.PluralRules('en-GB', { type: 'ordinal' }).select(n);
	const suffix = { one: 'st', two: 'nd', few: 'rd' }[rule as 'one' | 'two' | 'few'] ?? 'th';
	return `${n}${suffix}`;
}

/**
 * An event's dates in one sentence in the reader's language: « every Tuesday, 3 March – 30 June 2026,
 * from 18:00 to 20:00 », « jeden Dienstag, 3. März – 30. Juni 2026, von 18:00 bis 20:00 Uhr ». The model
 * (lib/domain/events/schedule.ts) repeats on the same weekday, day of the month or date: nothing more is said.
 */
export function eventDates(d: EventDates): string {
	if (french()) return describeDates(d);
	const time = hours(d);
	if (d.recurrence === 'aucune' || !d.recurrenceUntil) {
		return `${eventSpan({ start: d.startDate, end: d.endDate ?? d.startDate })}${time}`;
	}
	const first = day(d.startDate);
	const rhythm =
		d.recurrence === 'hebdomadaire'
			? m.area_every_week({ weekday: dateFormat({ weekday: 'long' }).format(first) })
			: d.recurrence === 'mensuelle'
				? m.area_every_month({ day: dayOfMonth(first.getUTCDate()) })
				: m.area_every_year({ date: dateFormat({ day: 'numeric', month: 'long' }).format(first) });
	const length = spanDays(d) > 0 ? m.area_days({ count: spanDays(d) + 1 }) : '';
	const range = dateFormat(LONG_DATE).formatRange(day(d.startDate), day(d.recurrenceUntil));
	return `${rhythm}${length}, ${range}${time}`;
}

/** Names joined as the reader's language joins them (« A, B et C », « A, B und C », « A, B and C »). */
export function listOf(items: readonly string[]): string {
	if (french()) return frenchList(items);
	return new Intl.ListFormat(intlLocale(), { type: 'conjunction' }).format(items);
}

/** A day and time (an offline pack's save): « 5 décembre 2026 à 08:30 », in Strasbourg's time. */
export function savedAt(iso: string): string {
	return new Date(iso).toLocaleString(intlLocale(), {
		dateStyle: 'long',
		timeStyle: 'short',
		timeZone: 'Europe/Paris'
	});
}

/** The key numbers of a quartier page, by their id (lib/pages/quartier-rules.ts keeps the French). */
const KEY_NUMBERS: Record<string, (count: number) => string> = {
	initiatives: (count) => m.area_key_initiatives({ count }),
	benevoles: () => m.area_key_volunteers(),
	structures: (count) => m.area_key_structures({ count }),
	financements: (count) => m.area_key_funding({ count }),
	qpv: (count) => m.area_key_qpv({ count }),
	population: () => m.area_key_population()
};

/** A key number's label in the reader's language; `fallback` (the French) for an id not known here. */
export function keyNumberLabel(id: string, value: number, fallback: string): string {
	if (french()) return fallback;
	return KEY_NUMBERS[id]?.(value) ?? fallback;
}

/**
 * What the flyer and the embedded list say of an initiative besides its own text: its type, its carrier's
 * kind (the carrier's name is content, `named` says whether there is one) and its needs.
 */
export function initiativeWords(codes: {
	type: string;
	carrierKind: string;
	carrierName?: string;
	needs: readonly string[];
}) {
	return {
		type: termLabel('initiativeType', codes.type),
		carrier: carrierWords(termLabel('carrierKind', codes.carrierKind), codes.carrierName),
		named: !!codes.carrierName?.trim(),
		needs: codes.needs.map((n) => termLabel('need', n)).join(', ')
	};
}
