import type { SqlClient } from './sql';

/**
 * Slots of the per-client rate limits of the public forms (proposals, contact messages, buyers' needs and the
 * answers to them), one bucket per form.
 * A slot is reserved by one INSERT ... SELECT that checks both windows and inserts in the same statement, in
 * a transaction that holds the client's lock: on SQLite the transaction takes the write lock at its start
 * (BEGIN IMMEDIATE), on PostgreSQL an advisory lock on the form and client orders the reservations, which
 * read committed alone would not (two instances' counts would both see the slots committed before them,
 * not each other's). No request, on this instance or another, can slip between the check and the insert,
 * even while the first one awaits the geocoder.
 */
export type SlotForm = 'proposal' | 'contact' | 'need' | 'need-interest';

export type SlotReservation = { ok: true; slotId: number } | { ok: false; exceeded: 'hour' | 'day' };

export interface SlotWindow {
	/** Start of the window (inclusive). */
	since: Date;
	max: number;
}

const COUNT = 'SELECT COUNT(*) FROM form_slots WHERE form = ? AND client_hash = ? AND created_at >= ?';

export function reserveFormSlot(
	sql: SqlClient,
	form: SlotForm,
	clientHash: string,
	windows: { hour: SlotWindow; day: SlotWindow },
	now: Date
): Promise<SlotReservation> {
	const hourSince = windows.hour.since.toISOString();
	return sql.transaction(async (tx): Promise<SlotReservation> => {
		if (tx.dialect === 'postgres')
			await tx.get('SELECT pg_advisory_xact_lock(hashtext(?))', [`form-slot:${form}:${clientHash}`]);
		const taken = await tx.get<{ id: number }>(
			`INSERT INTO form_slots (form, client_hash, created_at)
			 SELECT ?, ?, ?
			 WHERE (${COUNT}) < ? AND (${COUNT}) < ?
			 RETURNING id`,
			[
				form,
				clientHash,
				now.toISOString(),
				form,
				clientHash,
				hourSince,
				windows.hour.max,
				form,
				clientHash,
				windows.day.since.toISOString(),
				windows.day.max
			]
		);
		if (taken) return { ok: true, slotId: Number(taken.id) };
		const inHour = await tx.get<{ n: number }>(COUNT.replace('COUNT(*)', 'COUNT(*) AS n'), [
			form,
			clientHash,
			hourSince
		]);
		return { ok: false, exceeded: (inHour?.n ?? 0) >= windows.hour.max ? 'hour' : 'day' };
	});
}

/** Gives a slot back: its post was refused (invalid, not placeable) or could not be stored. */
export async function releaseFormSlot(sql: SqlClient, slotId: number): Promise<void> {
	await sql.run('DELETE FROM form_slots WHERE id = ?', [slotId]);
}

/** Privacy: slots only serve the rate limit's longest window (a day); older ones are erased. */
export async function forgetFormSlots(sql: SqlClient, createdBefore: Date): Promise<number> {
	return (await sql.run('DELETE FROM form_slots WHERE created_at < ?', [createdBefore.toISOString()]))
		.changes;
}
