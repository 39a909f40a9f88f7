/**
 * Places in the reader's language: opening hours line by line, with the days' names and the times written
 * by Intl in the page's locale. lib/domain/places keeps its French lines (the API, the forms' checks and
 * their tests read them): French pages show exactly those, other languages are written here from the same
 * lines as values (`openingHoursLines`).
 */
import {
	describeHoursLine,
	DAY_CODES,
	type HoursLine,
	type Interval
} from '$lib/domain/places/opening-hours';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { formatDay, intlLocale } from './explorer';

/** A weekday's name in the reader's language (« Montag », « Monday »): 2024-01-01 was a Monday. */
export function weekdayName(day: (typeof DAY_CODES)[number]): string {
	const date = new Date(Date.UTC(2024, 0, 1 + DAY_CODES.indexOf(day)));
	return new Intl.DateTimeFormat(intlLocale(), { weekday: 'long', timeZone: 'UTC' }).format(date);
}

/** A time of day (minutes since midnight, 24:00 as the day's end) in the reader's format: « 09:00 ». */
export function timeOfDay(minutes: number): string {
	const date = new Date(Date.UTC(2024, 0, 1, Math.floor(minutes / 60) % 24, minutes % 60));
	return new Intl.DateTimeFormat(intlLocale(), {
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23',
		timeZone: 'UTC'
	}).format(date);
}

function times(intervals: Interval[]): string {
	if (!intervals.length) return m.hours_closed();
	return intervals.map((i) => `${timeOfDay(i.opens)}–${timeOfDay(i.closes)}`).join(', ');
}

/** One line of the hours in the reader's language (French: the domain's own words). */
export function hoursLine(line: HoursLine): string {
	if (getLocale() === 'fr') return describeHoursLine(line);
	const label =
		line.kind === 'day'
			? weekdayName(line.day)
			: line.kind === 'holidays'
				? m.hours_holidays()
				: line.from === line.to
					? m.hours_on_date({ date: formatDay(line.from) })
					: m.hours_from_to({ from: formatDay(line.from), to: formatDay(line.to) });
	return m.hours_line({ label, times: times(line.intervals) });
}

/** Every line of the hours in the reader's language. */
export const hoursLines = (lines: readonly HoursLine[]) => lines.map(hoursLine);
