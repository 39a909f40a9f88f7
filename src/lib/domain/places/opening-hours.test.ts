import { describe, expect, it } from 'vitest';
import {
	describeOpeningHours,
	isOpenAt,
	isPublicHoliday,
	openingHoursSpecification,
	parseOpeningHours,
	publicHolidays
} from './opening-hours';

const HOURS =
	'lu-ve 09:00-18:00; sa 10:00-12:00,14:00-17:00; ve 20:00-02:00; fériés fermé; 2026-12-24 09:00-12:00; 2026-12-28..2026-12-31 fermé';

/** A fixed clock: times are written in Strasbourg's local time with their UTC offset (winter +01:00, summer +02:00). */
const CASES: [string, string, boolean][] = [
	['a Tuesday morning', '2026-12-01T10:00:00+01:00', true],
	['a Tuesday at 18:00 sharp, closing time', '2026-12-01T18:00:00+01:00', false],
	['a Tuesday night', '2026-12-01T23:30:00+01:00', false],
	[
		'Friday night after midnight: Saturday 01:30 is still Friday’s evening',
		'2026-12-05T01:30:00+01:00',
		true
	],
	['Saturday 02:00, the evening is over', '2026-12-05T02:00:00+01:00', false],
	['Saturday lunch break', '2026-12-05T12:30:00+01:00', false],
	['Saturday afternoon', '2026-12-05T15:00:00+01:00', true],
	['a Sunday', '2026-12-06T11:00:00+01:00', false],
	['Christmas Eve, shorter hours (exception)', '2026-12-24T11:00:00+01:00', true],
	['Christmas Eve afternoon', '2026-12-24T15:00:00+01:00', false],
	['Christmas Day, a Friday and a holiday', '2026-12-25T10:00:00+01:00', false],
	['26 December, a Saturday and a holiday in Alsace-Moselle', '2026-12-26T10:00:00+01:00', false],
	[
		'the night after Christmas Day: the holiday closed its Friday evening too',
		'2026-12-26T01:00:00+01:00',
		false
	],
	['a closed range between the holidays', '2026-12-29T10:00:00+01:00', false],
	['Good Friday 2027, a holiday in Alsace-Moselle', '2027-03-26T10:00:00+01:00', false],
	['Ascension Thursday 2027', '2027-05-06T10:00:00+02:00', false],
	['the Monday after Whit Monday is an ordinary Monday', '2027-05-24T10:00:00+02:00', true],
	['summer time: 09:30 in Strasbourg is 07:30 UTC', '2027-06-01T07:30:00Z', true],
	['summer time: 08:30 in Strasbourg is 06:30 UTC', '2027-06-01T06:30:00Z', false]
];

describe('isOpenAt, on a fixed clock in Europe/Paris', () => {
	it.each(CASES)('%s', (_name, at, open) => {
		expect(isOpenAt(HOURS, new Date(at))).toBe(open);
	});

	it('knows nothing when the hours are unknown or unreadable', () => {
		expect(isOpenAt(undefined, new Date('2026-12-01T10:00:00+01:00'))).toBeUndefined();
		expect(isOpenAt('tous les jours', new Date('2026-12-01T10:00:00+01:00'))).toBeUndefined();
	});

	it('an exception opens a day the week keeps closed, and a later rule wins', () => {
		expect(isOpenAt('lu-ve 09:00-17:00; 2026-12-06 10:00-12:00', new Date('2026-12-06T11:00:00+01:00'))).toBe(
			true
		);
		expect(isOpenAt('sa-lu 10:00-11:00', new Date('2026-12-06T10:30:00+01:00'))).toBe(true);
	});
});

describe('French public holidays, Alsace-Moselle included', () => {
	it('computes the movable feasts from Easter', () => {
		const h = publicHolidays(2027);
		for (const d of ['2027-03-26', '2027-03-29', '2027-05-06', '2027-05-17', '2027-12-26'])
			expect(h.has(d)).toBe(true);
		expect(h.size).toBe(13);
		expect(isPublicHoliday('2026-04-03')).toBe(true); // Good Friday 2026
		expect(isPublicHoliday('2026-04-02')).toBe(false);
	});
});

describe('parseOpeningHours', () => {
	it('says in French what it cannot read, naming the rule', () => {
		expect(parseOpeningHours('lundi 09:00-18:00')).toEqual({
			ok: false,
			error: expect.stringMatching(/jour « lundi » inconnu dans « lundi 09:00-18:00 »/)
		});
		expect(parseOpeningHours('lu 9h-18h')).toMatchObject({
			ok: false,
			error: expect.stringMatching(/horaire « 9h-18h » illisible/)
		});
		expect(parseOpeningHours('2026-02-30 fermé')).toMatchObject({
			ok: false,
			error: expect.stringMatching(/date « 2026-02-30 » invalide/)
		});
	});

	it('describes the hours in words and as schema.org openingHoursSpecification', () => {
		const r = parseOpeningHours(HOURS);
		if (!r.ok) throw new Error(r.error);
		expect(describeOpeningHours(r.hours)).toContain('Vendredi : 9 h – 18 h, 20 h – 2 h');
		expect(describeOpeningHours(r.hours)).toContain('Jours fériés : fermé');
		const spec = openingHoursSpecification(r.hours);
		expect(spec[0]).toEqual({
			'@type': 'OpeningHoursSpecification',
			dayOfWeek: ['https://schema.org/Monday'],
			opens: '09:00',
			closes: '18:00'
		});
		expect(spec).toContainEqual({
			'@type': 'OpeningHoursSpecification',
			validFrom: '2026-12-28',
			validThrough: '2026-12-31',
			opens: '00:00',
			closes: '00:00'
		});
	});
});
