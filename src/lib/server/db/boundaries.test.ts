import { expect, it } from 'vitest';
import { organisationSchema } from '$lib/domain/records';
import { organisationFixture } from '$lib/domain/test-fixtures';
import type { Boundary } from '$lib/geo/point-in-polygon';
import { countBoundaries, listBoundaries, replaceBoundaries, writeAssignedPlace } from './boundaries';
import { dataVersion, getRecordById, insertRecord, listHistory } from './records';
import { onBothEngines } from './test-postgres';

/** A synthetic square, not a real outline. */
const square = (code: string, name: string): Boundary => ({
	kind: 'commune',
	code,
	name,
	geometry: {
		type: 'Polygon',
		coordinates: [
			[
				[7.7, 48.5],
				[7.8, 48.5],
				[7.8, 48.6],
				[7.7, 48.6],
				[7.7, 48.5]
			]
		]
	}
});

onBothEngines('outlines and the places they assign', (store) => {
	const org = organisationSchema.parse(organisationFixture());

	it('replaces one kind of outline all or nothing', async () => {
		const { a, b } = store();
		const before = await dataVersion(a);
		expect(
			await replaceBoundaries(a, 'commune', [square('67482', 'Strasbourg (synthétique)')], 'test')
		).toEqual({
			replaced: 0,
			inserted: 1
		});
		expect(await dataVersion(b)).toBe(before + 1);
		// A quartier in a communes' import: refused, and the previous outlines stay.
		const wrong = { ...square('6748201', 'Quartier (synthétique)'), kind: 'quartier' as const };
		await expect(
			replaceBoundaries(b, 'commune', [square('67218', 'Illkirch (synthétique)'), wrong], 'test')
		).rejects.toThrow(/de type quartier/);
		expect((await listBoundaries(b)).map((x) => x.code)).toEqual(['67482']);
		expect(await countBoundaries(a)).toEqual({ commune: 1, quartier: 0, qpv: 0 });
		expect((await listBoundaries(a, ['commune']))[0].geometry).toEqual(square('67482', '').geometry);
	});

	it('writes an assigned place once when two instances assign it from one version', async () => {
		const { a, b } = store();
		await insertRecord(a, org);
		const moved = { ...org, communeCode: '67218' };
		const [x, y] = await Promise.all([
			writeAssignedPlace(a, moved, 1, 'test'),
			writeAssignedPlace(b, moved, 1, 'test')
		]);
		expect([x, y]).toContainEqual({ ok: true, version: 2 });
		expect([x, y]).toContainEqual({ ok: false, reason: 'conflict' });
		expect(await getRecordById(b, org.id)).toMatchObject({ communeCode: '67218', version: 2 });
		expect((await listHistory(a, org.id)).map((h) => h.action)).toEqual(['geo-assign', 'create']);
		expect(await writeAssignedPlace(a, { ...moved, id: 'absent' }, 1, 'test')).toEqual({
			ok: false,
			reason: 'missing'
		});
	});
});
