import { expect, it } from 'vitest';
import { forgetFormSlots, releaseFormSlot, reserveFormSlot, type SlotForm } from './form-slots';
import type { SqlClient } from './sql';
import { onBothEngines } from './test-postgres';

const NOW = new Date('2026-03-02T10:00:00Z');
const HOUR = 3_600_000;
const windows = (hourMax: number, dayMax: number, now = NOW) => ({
	hour: { since: new Date(now.getTime() - HOUR), max: hourMax },
	day: { since: new Date(now.getTime() - 24 * HOUR), max: dayMax }
});

/** Slots taken by a burst sent in parallel, alternately on each client. */
async function burst(clients: SqlClient[], n: number, form: SlotForm, hash: string, hourMax = 10) {
	const outcomes = await Promise.all(
		Array.from({ length: n }, (_, i) =>
			reserveFormSlot(clients[i % clients.length], form, hash, windows(hourMax, 30), NOW)
		)
	);
	return outcomes;
}

onBothEngines('form slots', (store) => {
	it('lets through exactly the hourly limit of a parallel burst split over two instances', async () => {
		const outcomes = await burst([store().a, store().b], 24, 'proposal', 'client-1');
		expect(outcomes.filter((o) => o.ok)).toHaveLength(10);
		expect(outcomes.filter((o) => !o.ok)).toEqual(
			Array.from({ length: 14 }, () => ({ ok: false, exceeded: 'hour' }))
		);
		// Each form and each client has its own bucket.
		expect((await burst([store().b], 1, 'contact', 'client-1'))[0].ok).toBe(true);
		expect((await burst([store().a], 1, 'proposal', 'client-2'))[0].ok).toBe(true);
	});

	it('says which window is full, and takes a slot given back again', async () => {
		const [a, b] = [store().a, store().b];
		const earlier = new Date(NOW.getTime() - 5 * HOUR);
		for (let i = 0; i < 3; i++) await reserveFormSlot(a, 'need', 'client-3', windows(3, 3, earlier), earlier);
		expect(await reserveFormSlot(b, 'need', 'client-3', windows(2, 3), NOW)).toEqual({
			ok: false,
			exceeded: 'day'
		});
		const rows = await a.all<{ id: number }>(
			"SELECT id FROM form_slots WHERE client_hash = 'client-3' ORDER BY id"
		);
		await releaseFormSlot(b, rows[0].id);
		const again = await reserveFormSlot(a, 'need', 'client-3', windows(2, 3), NOW);
		expect(again.ok).toBe(true);
		// Ids differ from the slots taken before (PostgreSQL numbers them with an identity, migration 12).
		if (again.ok) expect(rows.map((r) => r.id)).not.toContain(again.slotId);
	});

	it('forgets the slots older than the date given', async () => {
		// The two slots taken five hours earlier and not given back go; those of this hour stay.
		const before = (await store().a.get<{ n: number }>('SELECT COUNT(*) AS n FROM form_slots'))!.n;
		expect(await forgetFormSlots(store().b, new Date(NOW.getTime() - 2 * HOUR))).toBe(2);
		expect(await store().a.get('SELECT COUNT(*) AS n FROM form_slots')).toEqual({ n: before - 2 });
	});
});
