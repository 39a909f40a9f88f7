/**
 * When an event takes place: one day, several days in a row, or a simple repetition (each week, each month
 * on the same day, each year) up to an end date. A small model on purpose: it says exactly what an iCalendar
 * RRULE says (FREQ=WEEKLY|MONTHLY|YEARLY;UNTIL=...), in French words too, and nothing a source rarely states
 * (« le deuxième mardi », exceptions) that we could not show honestly.
 *
 * Dates are calendar days in Strasbourg (YYYY-MM-DD), times are wall-clock times there (HH:MM): no instant
 * is computed here, so daylight saving time cannot shift an event. Pure: the caller gives « today ».
 */
import { FRENCH_MONTHS as MONTHS, frenchDayOfMonth as dayWord } from '../format';
import type { Recurrence } from '../taxonomies';

export interface EventDates {
	startDate: string;
	/** The last day of a multi-day event; absent (or equal to startDate) for one day. */
	endDate?: string;
	startTime?: string;
	endTime?: string;
	recurrence: Recurrence;
	/** The last day an occurrence may start on; required with a recurrence. */
	recurrenceUntil?: string;
}

/** One occurrence: its first and last day (equal for a one-day event). */
export interface Occurrence {
	start: string;
	end: string;
}

const DAY_MS = 86_400_000;
/** Beyond this, a repetition is a standing activity (an initiative's « Horaires ») rather than an event. */
export const MAX_RECURRENCE_YEARS = 10;
/** An occurrence must end before the next one starts, so they never overlap. */
const MAX_SPAN_DAYS: Record<Exclude<Recurrence, 'aucune'>, number> = {
	hebdomadaire: 6,
	mensuelle: 27,
	annuelle: 364
};

/** Days since 1970-01-01 for a valid ISO date. */
export function dayNumber(iso: string): number {
	const [y, m, d] = iso.split('-').map(Number);
	return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

export function isoOfDay(n: number): string {
	return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** The date `months` months after y-m-d, or undefined when that month has no such day (31, 29 February). */
function shiftMonths(iso: string, months: number): string | undefined {
	const [y, m, d] = iso.split('-').map(Number);
	const date = new Date(Date.UTC(y, m - 1 + months, d));
	if (date.getUTCDate() !== d) return undefined;
	return date.toISOString().slice(0, 10);
}

/** How many days the event lasts after its first day (0 for one day). */
export function spanDays(d: EventDates): number {
	return d.endDate ? dayNumber(d.endDate) - dayNumber(d.startDate) : 0;
}

export interface DatesProblem {
	path: 'endDate' | 'endTime' | 'startTime' | 'recurrenceUntil';
	message: string;
}

/** What is wrong with a set of dates, each problem on the field a person should fix (French messages). */
export function datesProblems(d: EventDates): DatesProblem[] {
	const out: DatesProblem[] = [];
	const span = spanDays(d);
	if (span < 0) out.push({ path: 'endDate', message: 'la date de fin précède la date de début' });
	if (d.endTime && !d.startTime)
		out.push({ path: 'startTime', message: 'indiquez l’heure de début quand une heure de fin est donnée' });
	if (span === 0 && d.startTime && d.endTime && d.endTime <= d.startTime)
		out.push({ path: 'endTime', message: 'l’heure de fin doit suivre l’heure de début le même jour' });
	if (d.recurrence === 'aucune') {
		if (d.recurrenceUntil)
			out.push({ path: 'recurrenceUntil', message: 'une date de fin de répétition demande une répétition' });
		return out;
	}
	if (!d.recurrenceUntil) {
		out.push({ path: 'recurrenceUntil', message: 'une répétition demande sa date de fin' });
		return out;
	}
	const until = dayNumber(d.recurrenceUntil);
	if (until < dayNumber(d.startDate))
		out.push({ path: 'recurrenceUntil', message: 'la fin de la répétition précède la date de début' });
	else if (until - dayNumber(d.startDate) > MAX_RECURRENCE_YEARS * 366)
		out.push({
			path: 'recurrenceUntil',
			message: `une répétition dure au plus ${MAX_RECURRENCE_YEARS} ans : au-delà, c’est une activité régulière`
		});
	if (span > MAX_SPAN_DAYS[d.recurrence])
		out.push({
			path: 'endDate',
			message: `un événement répété ${d.recurrence === 'hebdomadaire' ? 'chaque semaine' : d.recurrence === 'mensuelle' ? 'chaque mois' : 'chaque année'} doit finir avant sa prochaine occurrence`
		});
	return out;
}

/** The start day of the k-th occurrence (k from 0), or undefined when that month or year has no such day. */
function nthStart(d: EventDates, k: number): string | undefined {
	if (k === 0) return d.startDate;
	if (d.recurrence === 'hebdomadaire') return isoOfDay(dayNumber(d.startDate) + 7 * k);
	if (d.recurrence === 'mensuelle') return shiftMonths(d.startDate, k);
	if (d.recurrence === 'annuelle') return shiftMonths(d.startDate, 12 * k);
	return undefined;
}

/**
 * Every occurrence, in order. Like RFC 5545, a month (or year) without the start's day is skipped rather
 * than moved: « le 31 de chaque mois » has no occurrence in April. Bounded by MAX_RECURRENCE_YEARS.
 */
export function allOccurrences(d: EventDates): Occurrence[] {
	const span = Math.max(0, spanDays(d));
	const until = d.recurrence === 'aucune' || !d.recurrenceUntil ? d.startDate : d.recurrenceUntil;
	const out: Occurrence[] = [];
	const limit = d.recurrence === 'aucune' ? 1 : MAX_RECURRENCE_YEARS * 53 + 1;
	for (let k = 0; k < limit; k++) {
		const start = nthStart(d, k);
		if (start === undefined) {
			if (d.recurrence === 'aucune') break;
			continue;
		}
		if (start > until) break;
		out.push({ start, end: isoOfDay(dayNumber(start) + span) });
	}
	return out;
}

/** Occurrences that overlap the days [from, to] (both included). */
export function occurrencesBetween(d: EventDates, from: string, to: string): Occurrence[] {
	return allOccurrences(d).filter((o) => o.end >= from && o.start <= to);
}

/** The occurrence under way today or the next one; undefined when the event is over. */
export function nextOccurrence(d: EventDates, today: string): Occurrence | undefined {
	return allOccurrences(d).find((o) => o.end >= today);
}

/** True when the last occurrence ended before today. */
export function isPast(d: EventDates, today: string): boolean {
	return nextOccurrence(d, today) === undefined;
}

const WEEKDAYS = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'];

function parts(iso: string) {
	const [y, m, d] = iso.split('-').map(Number);
	return { y, m, d, weekday: new Date(Date.UTC(y, m - 1, d)).getUTCDay() };
}

/** « samedi 13 juin 2026 ». */
export function frenchDay(iso: string): string {
	const p = parts(iso);
	return `${WEEKDAYS[p.weekday]} ${dayWord(p.d)} ${MONTHS[p.m - 1]} ${p.y}`;
}

/** « juin 2026 »: the heading of a month in the agenda. */
export function frenchMonth(monthKey: string): string {
	const [y, m] = monthKey.split('-').map(Number);
	return `${MONTHS[m - 1]} ${y}`;
}

/** « 14 h », « 9 h 30 ». */
export function frenchTime(hhmm: string): string {
	const [h, m] = hhmm.split(':').map(Number);
	return m === 0 ? `${h} h` : `${h} h ${String(m).padStart(2, '0')}`;
}

/** « le samedi 13 juin 2026 » or « du 16 au 17 janvier 2014 » (month and year said once when shared). */
export function frenchSpan(o: Occurrence): string {
	if (o.start === o.end) return `le ${frenchDay(o.start)}`;
	const a = parts(o.start);
	const b = parts(o.end);
	if (a.y === b.y && a.m === b.m) return `du ${dayWord(a.d)} au ${dayWord(b.d)} ${MONTHS[b.m - 1]} ${b.y}`;
	if (a.y === b.y)
		return `du ${dayWord(a.d)} ${MONTHS[a.m - 1]} au ${dayWord(b.d)} ${MONTHS[b.m - 1]} ${b.y}`;
	return `du ${dayWord(a.d)} ${MONTHS[a.m - 1]} ${a.y} au ${dayWord(b.d)} ${MONTHS[b.m - 1]} ${b.y}`;
}

function frenchHours(d: EventDates): string {
	if (!d.startTime) return '';
	if (!d.endTime) return `, à partir de ${frenchTime(d.startTime)}`;
	return spanDays(d) > 0
		? `, de ${frenchTime(d.startTime)} le premier jour à ${frenchTime(d.endTime)} le dernier`
		: `, de ${frenchTime(d.startTime)} à ${frenchTime(d.endTime)}`;
}

/** The dates in one French sentence, e.g. « chaque semaine, le mardi, du 3 mars au 30 juin 2026, de 18 h à 20 h ». */
export function describeDates(d: EventDates): string {
	const hours = frenchHours(d);
	if (d.recurrence === 'aucune' || !d.recurrenceUntil) {
		return `${frenchSpan({ start: d.startDate, end: d.endDate ?? d.startDate })}${hours}`;
	}
	const first = parts(d.startDate);
	const rhythm =
		d.recurrence === 'hebdomadaire'
			? `chaque semaine, le ${WEEKDAYS[first.weekday]}`
			: d.recurrence === 'mensuelle'
				? `chaque mois, le ${dayWord(first.d)}`
				: `chaque année, le ${dayWord(first.d)} ${MONTHS[first.m - 1]}`;
	const length = spanDays(d) > 0 ? ` (${spanDays(d) + 1} jours)` : '';
	return `${rhythm}${length}, ${frenchSpan({ start: d.startDate, end: d.recurrenceUntil })}${hours}`;
}
