import { afterEach, describe, expect, it } from 'vitest';
import { describeOpeningHours, openingHoursLines, parseOpeningHours } from '$lib/domain/places/opening-hours';
import { overwriteGetLocale } from '$lib/paraglide/runtime';
import { hoursLine, hoursLines, timeOfDay, weekdayName } from './places';

afterEach(() => overwriteGetLocale(() => 'fr'));

const LINE =
	'lu-ve 09:00-18:00; sa 10:00-12:00,14:30-17:00; ve 20:00-02:00; fériés fermé; 2026-12-24 09:00-12:00; 2026-12-26..2026-12-31 fermé';
const parsed = parseOpeningHours(LINE);
if (!parsed.ok) throw new Error(parsed.error);
const lines = openingHoursLines(parsed.hours);

describe('opening hours in the reader’s language', () => {
	it('keeps the domain’s French lines exactly on French pages', () => {
		expect(hoursLines(lines)).toEqual(describeOpeningHours(parsed.hours));
		expect(hoursLines(lines)).toContain('Vendredi : 9 h – 18 h, 20 h – 2 h');
	});

	it('writes German days, times, holidays and dates with Intl', () => {
		overwriteGetLocale(() => 'de');
		expect(hoursLines(lines)).toEqual([
			'Montag: 09:00–18:00',
			'Dienstag: 09:00–18:00',
			'Mittwoch: 09:00–18:00',
			'Donnerstag: 09:00–18:00',
			'Freitag: 09:00–18:00, 20:00–02:00',
			'Samstag: 10:00–12:00, 14:30–17:00',
			'Sonntag: geschlossen',
			'Feiertage: geschlossen',
			'Am 24. Dezember 2026: 09:00–12:00',
			'Vom 26. Dezember 2026 bis 31. Dezember 2026: geschlossen'
		]);
	});

	it('writes English days and dates, a day ending at midnight included', () => {
		overwriteGetLocale(() => 'en');
		expect(weekdayName('di')).toBe('Sunday');
		expect(timeOfDay(24 * 60)).toBe('00:00');
		expect(hoursLine({ kind: 'day', day: 'me', intervals: [{ opens: 540, closes: 1440 }] })).toBe(
			'Wednesday: 09:00–00:00'
		);
		expect(hoursLine({ kind: 'holidays', intervals: [] })).toBe('Public holidays: closed');
		expect(hoursLine({ kind: 'dates', from: '2026-12-24', to: '2026-12-24', intervals: [] })).toBe(
			'On 24 December 2026: closed'
		);
	});
});
