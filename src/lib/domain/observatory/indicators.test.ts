import { describe, expect, it } from 'vitest';
import { initiativeSchema, organisationSchema, fundingToolSchema } from '../records';
import { initiativeFixture, organisationFixture, toolFixture } from '../test-fixtures';
import { indicators, lastMonths, median, type ProposalFact } from './indicators';

const change = (changes: Record<string, string>) =>
	JSON.stringify({ targetId: 'x', changes, explanation: '…' });
const proposals: ProposalFact[] = [
	// Received in October, decided 2 days later.
	{
		type: 'change',
		status: 'approved',
		createdAt: '2026-10-01T10:00:00.000Z',
		decidedAt: '2026-10-03T10:00:00.000Z',
		payload: change({ phone: '1', website: 'https://a.example' })
	},
	// Received in October, decided in November after 40 days.
	{
		type: 'new-initiative',
		status: 'rejected',
		createdAt: '2026-10-20T00:00:00.000Z',
		decidedAt: '2026-11-29T00:00:00.000Z',
		payload: '{}'
	},
	{
		type: 'change',
		status: 'pending',
		createdAt: '2026-12-01T08:00:00.000Z',
		decidedAt: null,
		payload: change({ phone: '2' })
	},
	// Outside the twelve months: counted in the median and the corrections, not in the months.
	{
		type: 'change',
		status: 'approved',
		createdAt: '2025-01-01T00:00:00.000Z',
		decidedAt: '2025-01-11T00:00:00.000Z',
		payload: change({ phone: '3' })
	}
];
const history = [
	{ month: '2026-11', action: 'seed', count: 150 },
	{ month: '2026-11', action: 'update', count: 4 },
	{ month: '2026-11', action: 'verify', count: 2 },
	{ month: '2026-11', action: 'import', count: 30 },
	{ month: '2026-12', action: 'sirene-create', count: 7 },
	{ month: '2026-12', action: 'proposal', count: 1 }
];
const records = [
	organisationSchema.parse(
		organisationFixture({ id: 'org-old', slug: 'org-old', lastVerified: '2024-05-01' })
	),
	organisationSchema.parse(
		organisationFixture({ id: 'org-new', slug: 'org-new', lastVerified: '2026-11-01' })
	),
	initiativeSchema.parse(
		initiativeFixture({ id: 'ini-old', communeCode: '67447', lastVerified: '2025-01-01' })
	),
	organisationSchema.parse(
		organisationFixture({ id: 'org-draft', slug: 'org-draft', status: 'draft', lastVerified: '2020-01-01' })
	),
	fundingToolSchema.parse(toolFixture({ lastVerified: '2023-01-01' }))
];
const communes = [
	{ code: '67482', name: 'Strasbourg' },
	{ code: '67447', name: 'Schiltigheim' }
];

describe('indicators', () => {
	const ind = indicators({ proposals, history, records, communes, today: '2026-12-04' });

	it('counts proposals received and decided, edits and batch writes per month, without the seed', () => {
		expect(ind.months).toHaveLength(12);
		expect(ind.months[0].month).toBe('2026-01');
		const by = Object.fromEntries(ind.months.map((m) => [m.month, m]));
		expect(by['2026-10']).toMatchObject({
			label: 'oct. 2026',
			received: 2,
			decided: 1,
			edits: 0,
			imports: 0
		});
		expect(by['2026-11']).toMatchObject({ received: 0, decided: 1, edits: 6, imports: 30 });
		expect(by['2026-12']).toMatchObject({ received: 1, decided: 0, edits: 1, imports: 7 });
	});

	it('gives the median time to a decision and the pending count', () => {
		// 2, 10 and 40 days.
		expect(ind.medianDays).toBe(10);
		expect(ind.decidedCount).toBe(3);
		expect(ind.pending).toBe(1);
	});

	it('lists published records older than twelve months by commune, tools apart', () => {
		expect(ind.staleSince).toBe('2025-12-04');
		expect(ind.stale).toEqual([
			{ commune: 'Outils de financement (sans commune)', stale: 1, total: 1 },
			{ commune: 'Schiltigheim', stale: 1, total: 1 },
			{ commune: 'Strasbourg', stale: 1, total: 2 }
		]);
	});

	it('names the fields visitors ask to correct, most asked first', () => {
		expect(ind.corrections[0]).toEqual({ field: 'Téléphone', count: 3 });
		expect(ind.corrections[1].count).toBe(1);
		expect(ind.corrections[1].field).toMatch(/site/i);
	});
});

describe('lastMonths and median', () => {
	it('crosses years', () => {
		expect(lastMonths('2026-02-10', 3)).toEqual(['2025-12', '2026-01', '2026-02']);
	});
	it('takes the middle, or the mean of the two middles', () => {
		expect(median([])).toBeUndefined();
		expect(median([5, 1, 3])).toBe(3);
		expect(median([4, 1, 3, 2])).toBe(2.5);
	});
});
