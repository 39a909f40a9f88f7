import { describe, expect, it } from 'vitest';
import { todayIso } from '../today';
import { eventSchema } from '../records';
import {
	allOccurrences,
	datesProblems,
	describeDates,
	isPast,
	nextOccurrence,
	occurrencesBetween,
	type EventDates
} from './schedule';

const one = (startDate: string, extra: Partial<EventDates> = {}): EventDates => ({
	startDate,
	recurrence: 'aucune',
	...extra
});

describe('occurrences', () => {
	it('a one-day event has one occurrence', () => {
		expect(allOccurrences(one('2026-06-13'))).toEqual([{ start: '2026-06-13', end: '2026-06-13' }]);
	});

	it('a multi-day event spans a month boundary', () => {
		const d = one('2026-01-30', { endDate: '2026-02-02' });
		expect(allOccurrences(d)).toEqual([{ start: '2026-01-30', end: '2026-02-02' }]);
		expect(occurrencesBetween(d, '2026-02-01', '2026-02-28')).toHaveLength(1);
		expect(isPast(d, '2026-02-02')).toBe(false);
		expect(isPast(d, '2026-02-03')).toBe(true);
	});

	it('weekly repetitions cross months and stop at the end date', () => {
		const d = one('2026-03-24', { recurrence: 'hebdomadaire', recurrenceUntil: '2026-04-14' });
		expect(allOccurrences(d).map((o) => o.start)).toEqual([
			'2026-03-24',
			'2026-03-31',
			'2026-04-07',
			'2026-04-14'
		]);
		expect(nextOccurrence(d, '2026-04-01')?.start).toBe('2026-04-07');
	});

	it('monthly repetitions skip months without the day, as RFC 5545 does', () => {
		const d = one('2026-01-31', { recurrence: 'mensuelle', recurrenceUntil: '2026-06-30' });
		expect(allOccurrences(d).map((o) => o.start)).toEqual(['2026-01-31', '2026-03-31', '2026-05-31']);
	});

	it('a yearly month-long event (the Mois de l’ESS) recurs each November', () => {
		const d = one('2010-11-01', {
			endDate: '2010-11-30',
			recurrence: 'annuelle',
			recurrenceUntil: '2014-11-01'
		});
		const all = allOccurrences(d);
		expect(all).toHaveLength(5);
		expect(all[4]).toEqual({ start: '2014-11-01', end: '2014-11-30' });
		expect(isPast(d, '2026-12-05')).toBe(true);
	});

	it('29 February recurs only in leap years', () => {
		const d = one('2024-02-29', { recurrence: 'annuelle', recurrenceUntil: '2029-01-01' });
		expect(allOccurrences(d).map((o) => o.start)).toEqual(['2024-02-29', '2028-02-29']);
	});
});

describe('today in Strasbourg decides what is past (fixed clock)', () => {
	it('late on 30 November UTC is already 1 December in Strasbourg', () => {
		const now = new Date('2026-11-30T23:30:00Z');
		const d = one('2026-11-30');
		expect(todayIso(now)).toBe('2026-12-01');
		expect(isPast(d, todayIso(now))).toBe(true);
		expect(isPast(d, todayIso(new Date('2026-11-30T22:30:00Z')))).toBe(false);
	});
});

describe('datesProblems', () => {
	it('names each mistake on the field to fix', () => {
		expect(datesProblems(one('2026-05-02', { endDate: '2026-05-01' }))).toEqual([
			{ path: 'endDate', message: 'la date de fin précède la date de début' }
		]);
		expect(datesProblems(one('2026-05-02', { recurrence: 'hebdomadaire' }))[0].path).toBe('recurrenceUntil');
		expect(datesProblems(one('2026-05-02', { startTime: '18:00', endTime: '09:00' }))[0].path).toBe(
			'endTime'
		);
		expect(
			datesProblems(
				one('2026-05-02', {
					endDate: '2026-05-10',
					recurrence: 'hebdomadaire',
					recurrenceUntil: '2026-07-01'
				})
			)[0].message
		).toMatch(/avant sa prochaine occurrence/);
		expect(datesProblems(one('2026-05-02', { recurrenceUntil: '2026-06-01' }))[0].path).toBe(
			'recurrenceUntil'
		);
		expect(datesProblems(one('2026-05-02', { startTime: '09:00', endTime: '12:00' }))).toEqual([]);
	});

	it('the record schema reports them in French on the field', () => {
		const r = eventSchema.safeParse({
			kind: 'event',
			id: 'fete',
			slug: 'fete',
			name: 'Fête',
			description: 'Une fête de quartier.',
			status: 'published',
			startDate: '2026-06-13',
			endDate: '2026-06-12',
			startTime: '25:00',
			sources: [{ url: 'https://exemple.org/fete', seen: '2026-05-01' }],
			lastVerified: '2026-05-01',
			confidence: 'high'
		});
		expect(r.success).toBe(false);
		const issues = r.error!.issues.map((i) => [i.path.join('.'), i.message]);
		expect(issues).toContainEqual(['startTime', 'heure invalide : format attendu HH:MM, par ex. 14:30']);
	});
});

describe('describeDates', () => {
	it('says the dates in French', () => {
		expect(describeDates(one('2026-06-13', { startTime: '14:00', endTime: '18:30' }))).toBe(
			'le samedi 13 juin 2026, de 14 h à 18 h 30'
		);
		expect(describeDates(one('2014-01-16', { endDate: '2014-01-17' }))).toBe('du 16 au 17 janvier 2014');
		expect(describeDates(one('2026-01-30', { endDate: '2026-02-02' }))).toBe(
			'du 30 janvier au 2 février 2026'
		);
		expect(
			describeDates(one('2026-03-03', { recurrence: 'hebdomadaire', recurrenceUntil: '2026-06-30' }))
		).toBe('chaque semaine, le mardi, du 3 mars au 30 juin 2026');
		expect(
			describeDates(
				one('2026-11-01', { endDate: '2026-11-30', recurrence: 'annuelle', recurrenceUntil: '2028-11-01' })
			)
		).toBe('chaque année, le 1er novembre (30 jours), du 1er novembre 2026 au 1er novembre 2028');
	});
});
