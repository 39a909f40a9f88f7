import type { Db } from './connection';

/**
 * Slots of the per-client rate limits of the public forms (proposals, contact messages, buyers' needs and the
 * answers to them), one bucket per form.
 * A slot is reserved by one INSERT ... SELECT that checks both windows and inserts in the same statement,
 * inside an IMMEDIATE transaction: no request (nor another process sharing the file) can slip between the
 * check and the insert, even while the first one awaits the geocoder.
 */
export type SlotForm = 'proposal' | 'contact' | 'need' | 'need-interest';

export type SlotReservation = { ok: true; slotId: number } | { ok: false; exceeded: 'hour' | 'day' };

export interface SlotWindow {
	/** Start of the window (inclusive). */
	since: Date;
	max: number;
}

export function reserveFormSlot(
	db: Db,
	form: SlotForm,
	clientHash: string,
	windows: { hour: SlotWindow; day: SlotWindow },
	now: Date
): SlotReservation {
	const count = db.prepare(
		'SELECT COUNT(*) AS n FROM form_slots WHERE form = ? AND client_hash = ? AND created_at >= ?'
	);
	const insert = db.prepare(
		`INSERT INTO form_slots (form, client_hash, created_at)
		 SELECT @form, @hash, @now
		 WHERE (SELECT COUNT(*) FROM form_slots
		        WHERE form = @form AND client_hash = @hash AND created_at >= @hourSince) < @hourMax
		   AND (SELECT COUNT(*) FROM form_slots
		        WHERE form = @form AND client_hash = @hash AND created_at >= @daySince) < @dayMax`
	);
	return db
		.transaction((): SlotReservation => {
			const result = insert.run({
				form,
				hash: clientHash,
				now: now.toISOString(),
				hourSince: windows.hour.since.toISOString(),
				hourMax: windows.hour.max,
				daySince: windows.day.since.toISOString(),
				dayMax: windows.day.max
			});
			if (result.changes === 1) return { ok: true, slotId: Number(result.lastInsertRowid) };
			const inHour = (count.get(form, clientHash, windows.hour.since.toISOString()) as { n: number }).n;
			return { ok: false, exceeded: inHour >= windows.hour.max ? 'hour' : 'day' };
		})
		.immediate();
}

/** Gives a slot back: its post was refused (invalid, not placeable) or could not be stored. */
export function releaseFormSlot(db: Db, slotId: number): void {
	db.prepare('DELETE FROM form_slots WHERE id = ?').run(slotId);
}

/** Privacy: slots only serve the rate limit's longest window (a day); older ones are erased. */
export function forgetFormSlots(db: Db, createdBefore: Date): number {
	return db.prepare('DELETE FROM form_slots WHERE created_at < ?').run(createdBefore.toISOString()).changes;
}
