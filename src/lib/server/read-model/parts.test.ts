import { describe, expect, it } from 'vitest';
import { eventSchema, type EventInput } from '$lib/domain/records';
import { eventFixture } from '$lib/domain/test-fixtures';
import { pointsBody, pointsStale } from './parts';

const event = (id: string, dates: Partial<EventInput>) =>
	eventSchema.parse(
		eventFixture({
			id,
			slug: id,
			name: `Événement ${id}`,
			communeCode: '67482',
			location: { lon: 7.74, lat: 48.58, precision: 'address' },
			...dates
		})
	);

describe('the points’ events', () => {
	const records = [
		event('hebdo', { startDate: '2027-01-05', recurrence: 'hebdomadaire', recurrenceUntil: '2027-03-30' }),
		event('salon', { startDate: '2027-02-10', endDate: '2027-02-12' }),
		event('fini', { startDate: '2027-01-20' }),
		event('sans-position', { startDate: '2027-01-29', location: undefined })
	];

	it('draws the events to come and knows the first day one of them is over', () => {
		const b = pointsBody(records, 1, '2027-01-28');
		const ids = (JSON.parse(b.body) as { points: unknown[][] }).points.map((p) => p[0]);
		expect(ids).toEqual(expect.arrayContaining(['hebdo', 'salon']));
		expect(ids).not.toContain('fini');
		// The exhibition's last day is the 12th; the weekly one's last occurrence is on 30 March.
		expect(b.staleFrom).toBe('2027-02-13');
		expect(pointsStale(b, '2027-02-12')).toBe(false);
		expect(pointsStale(b, '2027-02-13')).toBe(true);
		expect(pointsBody(records, 1, '2027-02-13').staleFrom).toBe('2027-03-31');
		expect(pointsBody(records, 1, '2027-03-31').staleFrom).toBeUndefined();
	});
});
