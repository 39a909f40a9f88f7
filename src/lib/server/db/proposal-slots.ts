import type { Db } from './connection';

/**
 * Slots of the per-client proposal rate limit. A slot is reserved by one INSERT ... SELECT that checks both
 * windows and inserts in the same statement, inside an IMMEDIATE transaction: no request (nor another process
 * sharing the file) can slip between the check and the insert, even while the first one awaits the geocoder.
 */
export type SlotReservation = { ok: true; slotId: number } | { ok: false; exceeded: 'hour' | 'day' };

export interface SlotWindow {
	/** Start of the window (inclusive). */
	since: Date;
	max: number;
}

export function reserveProposalSlot(
	db: Db,
	clientHash: string,
	windows: { hour: SlotWindow; day: SlotWindow },
	now: Date
): SlotReservation {
	const count = db.prepare(
		'SELECT COUNT(*) AS n FROM proposal_slots WHERE client_hash = ? AND created_at >= ?'
	);
	const insert = db.prepare(
		`INSERT INTO proposal_slots (client_hash, created_at)
		 SELECT @hash, @now
		 WHERE (SELECT COUNT(*) FROM proposal_slots WHERE client_hash = @hash AND created_at >= @hourSince) < @hourMax
		   AND (SELECT COUNT(*) FROM proposal_slots WHERE client_hash = @hash AND created_at >= @daySince) < @dayMax`
	);
	return db
		.transaction((): SlotReservation => {
			const result = insert.run({
				hash: clientHash,
				now: now.toISOString(),
				hourSince: windows.hour.since.toISOString(),
				hourMax: windows.hour.max,
				daySince: windows.day.since.toISOString(),
				dayMax: windows.day.max
			});
			if (result.changes === 1) return { ok: true, slotId: Number(result.lastInsertRowid) };
			const inHour = (count.get(clientHash, windows.hour.since.toISOString()) as { n: number }).n;
			return { ok: false, exceeded: inHour >= windows.hour.max ? 'hour' : 'day' };
		})
		.immediate();
}

/** Gives a slot back: its proposal was refused (invalid, or not placeable) or could not be stored. */
export function releaseProposalSlot(db: Db, slotId: number): void {
	db.prepare('DELETE FROM proposal_slots WHERE id = ?').run(slotId);
}

/** Privacy: slots only serve the rate limit's longest window (a day); older ones are erased. */
export function forgetProposalSlots(db: Db, createdBefore: Date): number {
	return db.prepare('DELETE FROM proposal_slots WHERE created_at < ?').run(createdBefore.toISOString())
		.changes;
}
