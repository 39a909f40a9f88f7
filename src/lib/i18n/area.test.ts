import { afterEach, describe, expect, it } from 'vitest';
import { describeDates, frenchMonth, frenchSpan, type EventDates } from '$lib/domain/events/schedule';
import { overwriteGetLocale } from '$lib/paraglide/runtime';
import { eventDates, eventMonth, eventSpan, initiativeWords, keyNumberLabel, listOf, savedAt } from './area';

afterEach(() => overwriteGetLocale(() => 'fr'));
const inLocale = (locale: 'fr' | 'de' | 'en') => overwriteGetLocale(() => locale);
/** Intl's ranges use thin and narrow no-break spaces around their dash: compared as plain spaces. */
const dates = (d: EventDates) => eventDates(d).replace(/[\u2009\u202f]/g, ' ');

const once: EventDates = {
	startDate: '2026-06-13',
	startTime: '14:00',
	endTime: '18:00',
	recurrence: 'aucune'
};
const weekly: EventDates = {
	startDate: '2026-03-03',
	startTime: '18:00',
	endTime: '20:00',
	recurrence: 'hebdomadaire',
	recurrenceUntil: '2026-06-30'
};
const monthly: EventDates = {
	startDate: '2026-01-02',
	startTime: '9:30',
	recurrence: 'mensuelle',
	recurrenceUntil: '2026-12-31'
};
const yearly: EventDates = {
	startDate: '2026-06-13',
	endDate: '2026-06-14',
	startTime: '10:00',
	endTime: '17:00',
	recurrence: 'annuelle',
	recurrenceUntil: '2028-06-30'
};
const severalDays: EventDates = { startDate: '2014-01-16', endDate: '2014-01-17', recurrence: 'aucune' };

describe('an event’s dates in the reader’s language', () => {
	it('French reads exactly as lib/domain writes it', () => {
		for (const d of [once, weekly, monthly, yearly, severalDays])
			expect(eventDates(d)).toBe(describeDates(d));
		expect(eventSpan({ start: '2026-06-01', end: '2026-06-01' })).toBe(
			frenchSpan({ start: '2026-06-01', end: '2026-06-01' })
		);
		expect(eventMonth('2026-06')).toBe(frenchMonth('2026-06'));
	});

	it('German: the day, a repetition and the hours', () => {
		inLocale('de');
		expect(dates(once)).toBe('am Samstag, 13. Juni 2026, von 14:00 bis 18:00 Uhr');
		expect(dates(weekly)).toMatch(/^jeden Dienstag, 3\. März – 30\. Juni 2026, von 18:00 bis 20:00 Uhr$/);
		expect(dates(monthly)).toMatch(/^jeden Monat am 2\., 2\. Januar – 31\. Dezember 2026, ab 9:30 Uhr$/);
		expect(dates(yearly)).toMatch(
			/^jedes Jahr am 13\. Juni \(2 Tage\), 13\. Juni 2026 – 30\. Juni 2028, von 10:00 Uhr am ersten Tag bis 17:00 Uhr am letzten$/
		);
		expect(dates(severalDays)).toBe('16.–17. Januar 2014');
		expect(eventMonth('2026-06')).toBe('Juni 2026');
	});

	it('English: ordinals, ranges and hours', () => {
		inLocale('en');
		expect(dates(once)).toBe('Saturday, 13 June 2026, from 14:00 to 18:00');
		expect(dates(weekly)).toMatch(/^every Tuesday, 3 March – 30 June 2026, from 18:00 to 20:00$/);
		expect(dates(monthly)).toMatch(/^every month on the 2nd, 2 January – 31 December 2026, from 9:30$/);
		expect(dates({ ...monthly, startDate: '2026-01-21' })).toMatch(/^every month on the 21st,/);
		expect(dates({ ...monthly, startDate: '2026-01-13' })).toMatch(/^every month on the 13th,/);
		expect(dates(yearly)).toMatch(/^every year on 13 June \(2 days\), /);
		expect(dates(severalDays)).toBe('16 – 17 January 2014');
		expect(eventMonth('2026-06')).toBe('June 2026');
	});
});

describe('the quartier page’s words', () => {
	it('key numbers keep their French and are counted in German and English', () => {
		expect(keyNumberLabel('structures', 3, 'structures de l’ESS ici ou à côté')).toBe(
			'structures de l’ESS ici ou à côté'
		);
		inLocale('de');
		expect(keyNumberLabel('structures', 1, 'x')).toBe('Organisation der ESS hier oder in der Nähe');
		expect(keyNumberLabel('structures', 3, 'x')).toBe('Organisationen der ESS hier oder in der Nähe');
		expect(keyNumberLabel('unknown', 3, 'inconnu')).toBe('inconnu');
		inLocale('en');
		expect(keyNumberLabel('initiatives', 2, 'x')).toBe('initiatives and resources');
	});

	it('lists names as each language does', () => {
		expect(listOf(['A', 'B', 'C'])).toBe('A, B et C');
		inLocale('de');
		expect(listOf(['A', 'B', 'C'])).toBe('A, B und C');
		inLocale('en');
		expect(listOf(['A', 'B'])).toBe('A and B');
	});

	it('dates a saved pack in Strasbourg’s time', () => {
		expect(savedAt('2026-12-05T07:30:00Z')).toBe('5 décembre 2026 à 08:30');
		inLocale('de');
		expect(savedAt('2026-12-05T07:30:00Z')).toBe('5. Dezember 2026 um 08:30');
	});

	it('an initiative’s type, carrier kind and needs in the reader’s language', () => {
		inLocale('en');
		const w = initiativeWords({
			type: 'jardin-partage',
			carrierKind: 'collectif-habitants',
			needs: ['benevoles', 'materiel']
		});
		expect(w.carrier.name).toBe('Residents’ group');
		expect(w.named).toBe(false);
		expect(w.needs).toBe('Volunteers, Equipment');
	});
});
