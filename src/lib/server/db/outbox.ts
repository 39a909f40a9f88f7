/**
 * The mail outbox: one row per e-mail to send, written in the same transaction as what it announces (a
 * contact message, a proposal decision), sent after the request by src/lib/server/mail/outbox.ts. A row is
 * claimed before each attempt by counting the attempt and moving its next date forward, so a crash during a
 * send means a later retry, never a lost mail. Rows of contact messages keep the message's status in step.
 */
import { randomUUID } from 'node:crypto';
import type { SqlClient } from './sql';
import { perform, run, type Conn, type Out, type Query } from './query';

export type OutboxKind = 'contact' | 'decision';
export type OutboxStatus = 'pending' | 'sent' | 'failed' | 'cancelled';

export interface OutboxEntry {
	id: string;
	kind: OutboxKind;
	/** The contact message's id, or the proposal's reference. */
	refId: string;
	status: OutboxStatus;
	attempts: number;
	nextAttemptAt: string;
	lastError: string | null;
	createdAt: string;
	sentAt: string | null;
}

interface Row {
	id: string;
	kind: OutboxKind;
	ref_id: string;
	status: OutboxStatus;
	attempts: number;
	next_attempt_at: string;
	last_error: string | null;
	created_at: string;
	sent_at: string | null;
}

const fromRow = (r: Row): OutboxEntry => ({
	id: r.id,
	kind: r.kind,
	refId: r.ref_id,
	status: r.status,
	attempts: r.attempts,
	nextAttemptAt: r.next_attempt_at,
	lastError: r.last_error,
	createdAt: r.created_at,
	sentAt: r.sent_at
});

/**
 * Queues the mail of `kind` for `refId`, due now. Queuing it again (a resend) starts it over: pending, no
 * attempt counted, no error.
 */
/** Queues a mail in the caller's transaction, on either connection (./query.ts). */
export function queueMail<C extends Conn>(
	conn: C,
	kind: OutboxKind,
	refId: string,
	now = new Date()
): Out<C, void> {
	return perform(conn, queued(kind, refId, now));
}

export function* queued(kind: OutboxKind, refId: string, now: Date): Query<void> {
	const at = now.toISOString();
	yield* run(
		`INSERT INTO mail_outbox (id, kind, ref_id, status, attempts, next_attempt_at, created_at)
		 VALUES (?, ?, ?, 'pending', 0, ?, ?)
		 ON CONFLICT (kind, ref_id) DO UPDATE SET status = 'pending', attempts = 0, next_attempt_at = excluded.next_attempt_at,
		 last_error = NULL, sent_at = NULL`,
		[randomUUID(), kind, refId, at, at]
	);
}

export async function getMail(
	sql: SqlClient,
	kind: OutboxKind,
	refId: string
): Promise<OutboxEntry | undefined> {
	const row = await sql.get<Row>('SELECT * FROM mail_outbox WHERE kind = ? AND ref_id = ?', [kind, refId]);
	return row ? fromRow(row) : undefined;
}

/** Pending mails whose next attempt is due, oldest first. */
export async function dueMails(sql: SqlClient, now: Date, limit = 20): Promise<OutboxEntry[]> {
	const rows = await sql.all<Row>(
		`SELECT * FROM mail_outbox WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, created_at, id LIMIT ?`,
		[now.toISOString(), limit]
	);
	return rows.map(fromRow);
}

/** When the next pending mail is due (undefined: nothing pending). */
export async function nextDueAt(sql: SqlClient): Promise<string | undefined> {
	const row = await sql.get<{ at: string | null }>(
		`SELECT MIN(next_attempt_at) AS at FROM mail_outbox WHERE status = 'pending'`
	);
	return row?.at ?? undefined;
}

/**
 * Claims a pending mail for one attempt: counts it and sets the date of the next one, as if it will fail.
 * False when someone else claimed it first (the attempt count moved) or it is no longer pending. One
 * statement that checks what it changes: two schedulers (two instances) reading the same due mail both try,
 * and PostgreSQL makes the second wait for the first and then re-read the row, whose attempts have moved.
 */
export async function claimMail(sql: SqlClient, entry: OutboxEntry, retryAt: Date): Promise<boolean> {
	const { changes } = await sql.run(
		`UPDATE mail_outbox SET attempts = attempts + 1, next_attempt_at = ? WHERE id = ? AND status = 'pending' AND attempts = ?`,
		[retryAt.toISOString(), entry.id, entry.attempts]
	);
	return changes === 1;
}

export function markMailSent(sql: SqlClient, entry: OutboxEntry, now: Date): Promise<void> {
	return sql.transaction(async (tx) => {
		await tx.run(`UPDATE mail_outbox SET status = 'sent', sent_at = ?, last_error = NULL WHERE id = ?`, [
			now.toISOString(),
			entry.id
		]);
		if (entry.kind === 'contact')
			await tx.run(
				`UPDATE contact_messages SET status = 'sent', relayed_at = ? WHERE id = ? AND status = 'sending'`,
				[now.toISOString(), entry.refId]
			);
	});
}

/** Records a failed attempt; `final` gives up (status failed, shown in the workspace with a resend button). */
export function markMailFailed(
	sql: SqlClient,
	entry: OutboxEntry,
	error: string,
	final: boolean
): Promise<void> {
	return sql.transaction(async (tx) => {
		await tx.run(
			`UPDATE mail_outbox SET last_error = ?, status = ${final ? "'failed'" : 'status'} WHERE id = ?`,
			[error.slice(0, 1000), entry.id]
		);
		if (final && entry.kind === 'contact')
			await tx.run(`UPDATE contact_messages SET status = 'failed' WHERE id = ? AND status = 'sending'`, [
				entry.refId
			]);
	});
}

/** Stops a pending or failed mail (the message was handled by hand). */
export async function cancelMail(sql: SqlClient, kind: OutboxKind, refId: string): Promise<void> {
	await sql.run(
		`UPDATE mail_outbox SET status = 'cancelled' WHERE kind = ? AND ref_id = ? AND status IN ('pending', 'failed')`,
		[kind, refId]
	);
}

export async function listMails(sql: SqlClient, kind: OutboxKind): Promise<OutboxEntry[]> {
	const rows = await sql.all<Row>('SELECT * FROM mail_outbox WHERE kind = ? ORDER BY created_at DESC, id', [
		kind
	]);
	return rows.map(fromRow);
}

/**
 * Privacy: decision mails are composed from the proposal, so their row holds no personal data; still, the
 * trace of a sent or cancelled mail goes after the retention period. Contact rows go with their message.
 */
export async function forgetOldDecisionMails(sql: SqlClient, before: Date): Promise<number> {
	const { changes } = await sql.run(
		`DELETE FROM mail_outbox WHERE kind = 'decision' AND status IN ('sent', 'cancelled') AND COALESCE(sent_at, created_at) < ?`,
		[before.toISOString()]
	);
	return changes;
}
