import { describe, expect, it } from 'vitest';
import { eventSchema, type EventInput, type EventRecord } from '$lib/domain/records';
import { eventFixture } from '$lib/domain/test-fixtures';
import { eventSchedule, eventsInWindow, isoDateTime, parseEventWindow } from './events-api';

const TODAY = '2027-01-28';
const qs = (s: string) => new URLSearchParams(s);

function event(overrides: Partial<EventInput>): EventRecord {
	const id = overrides.id ?? 'un-evenement';
	return eventSchema.parse(
		eventFixture({ id, slug: id, name: overrides.id ?? 'Un événement', ...overrides })
	);
}

describe('parseEventWindow', () => {
	it('asks for the events under way or to come by default', () => {
		expect(parseEventWindow(qs(''), TODAY)).toEqual({ ok: true, window: { from: TODAY } });
	});

	it('drops the lower bound with passes=1, which depuis replaces; jusqua bounds the end', () => {
		expect(parseEventWindow(qs('passes=1'), TODAY)).toEqual({ ok: true, window: {} });
		expect(parseEventWindow(qs('passes=0'), TODAY)).toEqual({ ok: true, window: { from: TODAY } });
		expect(parseEventWindow(qs('depuis=2020-01-01&jusqua=2020-12-31'), TODAY)).toEqual({
			ok: true,
			window: { from: '2020-01-01', to: '2020-12-31' }
		});
	});

	it('names the parameter of a bad value, in French', () => {
		const bad = (s: string) => {
			const r = parseEventWindow(qs(s), TODAY);
			return r.ok ? undefined : r.error;
		};
		expect(bad('depuis=demain')).toEqual({
			parameter: 'depuis',
			message: '« depuis » : date attendue au format AAAA-MM-JJ (une date qui existe), par exemple 2027-06-12'
		});
		expect(bad('jusqua=2027-02-30')?.parameter).toBe('jusqua');
		expect(bad('passes=oui')).toEqual({
			parameter: 'passes',
			message: '« passes » : 1 pour inclure les événements passés, 0 (ou absent) pour les seuls à venir'
		});
		expect(bad('depuis=2027-03-01&jusqua=2027-02-01')).toEqual({
			parameter: 'jusqua',
			message: '« jusqua » (2027-02-01) précède « depuis » (2027-03-01)'
		});
		expect(bad('depuis=2027-03-01&depuis=2027-04-01')).toEqual({
			parameter: 'depuis',
			message: '« depuis » donné plusieurs fois'
		});
	});
});

describe('eventsInWindow', () => {
	const weekly = event({
		id: 'hebdo',
		startDate: '2027-01-05',
		recurrence: 'hebdomadaire',
		recurrenceUntil: '2027-03-30'
	});
	const over = event({ id: 'fini', startDate: '2027-01-09' });
	const underWay = event({ id: 'en-cours', startDate: '2027-01-27', endDate: '2027-01-29' });
	const later = event({ id: 'plus-tard', startDate: '2027-06-12' });
	const all = [later, over, weekly, underWay];

	it('keeps what overlaps the days asked, in the order of the occurrence found there', () => {
		const ids = (w: Parameters<typeof eventsInWindow>[1]) => eventsInWindow(all, w).map((e) => e.id);
		expect(ids({ from: TODAY })).toEqual(['en-cours', 'hebdo', 'plus-tard']);
		expect(ids({})).toEqual(['hebdo', 'fini', 'en-cours', 'plus-tard']);
		expect(ids({ from: '2027-01-08', to: '2027-01-10' })).toEqual(['fini']);
		// A weekly event whose occurrences skip the days asked is not there.
		expect(ids({ from: '2027-01-13', to: '2027-01-18' })).toEqual([]);
	});
});

describe('eventSchedule', () => {
	it('writes times with the Strasbourg offset of their date (winter, summer), whole days as dates', () => {
		expect(isoDateTime('2027-01-26', '18:00')).toBe('2027-01-26T18:00:00+01:00');
		expect(isoDateTime('2027-06-12', '09:30')).toBe('2027-06-12T09:30:00+02:00');
		expect(isoDateTime('2027-06-12')).toBe('2027-06-12');
	});

	it('says a repetition as frequency, last day and RRULE (UNTIL in UTC, summer time by then), with the next occurrence', () => {
		const s = eventSchedule(
			event({
				startDate: '2027-01-26',
				startTime: '18:00',
				endTime: '20:00',
				recurrence: 'hebdomadaire',
				recurrenceUntil: '2027-03-30'
			}),
			TODAY
		);
		expect(s).toEqual({
			timeZone: 'Europe/Paris',
			allDay: false,
			start: '2027-01-26T18:00:00+01:00',
			end: '2027-01-26T20:00:00+01:00',
			recurrence: { frequency: 'weekly', until: '2027-03-30', rrule: 'FREQ=WEEKLY;UNTIL=20270330T215959Z' },
			next: { start: '2027-02-02T18:00:00+01:00', end: '2027-02-02T20:00:00+01:00' },
			past: false,
			text: 'chaque semaine, le mardi, du 26 janvier au 30 mars 2027, de 18 h à 20 h'
		});
	});

	it('invents no hour: an all-day event has dates, a start without end keeps the end a day', () => {
		const allDay = eventSchedule(event({ startDate: '2027-01-09', endDate: '2027-01-10' }), TODAY);
		expect(allDay).toMatchObject({ allDay: true, start: '2027-01-09', end: '2027-01-10' });
		expect(allDay).toMatchObject({ recurrence: null, next: null, past: true });
		const open = eventSchedule(event({ startDate: '2027-03-01', startTime: '14:00' }), TODAY);
		expect(open).toMatchObject({ allDay: false, start: '2027-03-01T14:00:00+01:00', end: '2027-03-01' });
	});
});
