import { expect, it } from 'vitest';
import { organisationSchema } from '$lib/domain/records';
import { organisationFixture } from '$lib/domain/test-fixtures';
import { historyByMonth, lastPublishedChange, publishedRecordTimes } from './observatory';
import { insertRecord, updateRecord } from './records';
import { onBothEngines } from './test-postgres';

onBothEngines("the observatory's reads", (store) => {
	const org = organisationSchema.parse(organisationFixture());
	const draft = organisationSchema.parse(
		organisationFixture({ id: 'org-draft', slug: 'brouillon', status: 'draft' })
	);

	it('answers alike on both engines, camelCase names included', async () => {
		const { a, b } = store();
		expect(await lastPublishedChange(a)).toBeUndefined();
		await insertRecord(a, org, { now: new Date('2026-10-03T08:00:00Z') });
		await insertRecord(a, draft, { now: new Date('2026-11-20T08:00:00Z') });
		await updateRecord(
			a,
			{ ...org, name: 'Renommée (synthétique)' },
			{
				expectedVersion: 1,
				now: new Date('2026-11-02T09:00:00Z')
			}
		);
		expect(await lastPublishedChange(b)).toBe('2026-11-02T09:00:00.000Z');
		expect(await publishedRecordTimes(b, 'organisation', 10)).toEqual([
			{ id: org.id, createdAt: '2026-10-03T08:00:00.000Z', updatedAt: '2026-11-02T09:00:00.000Z' }
		]);
		expect(await historyByMonth(b)).toEqual([
			{ month: '2026-10', action: 'create', count: 1 },
			{ month: '2026-11', action: 'create', count: 1 },
			{ month: '2026-11', action: 'update', count: 1 }
		]);
	});
});
