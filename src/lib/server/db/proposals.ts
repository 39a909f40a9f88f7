import { randomInt } from 'node:crypto';
import { queued } from './outbox';
import { all, get, perform, run, transaction, type Conn, type Out } from './query';
import type { SqlClient } from './sql';
import { isUniqueViolation } from './users';

export type ProposalType = 'new-organisation' | 'new-initiative' | 'new-place' | 'new-event' | 'change';
export type ProposalStatus = 'pending' | 'approved' | 'rejected';
/** The language of the page a proposal was written from. */
export type WriterLocale = 'fr' | 'de' | 'en';

export interface Proposal {
	id: string;
	type: ProposalType;
	targetId: string | null;
	status: ProposalStatus;
	/** The submitted data, already validated by the form's zod schema; stored as JSON text, shown as text. */
	payload: unknown;
	message: string | null;
	submitterEmail: string | null;
	createdAt: string;
	decidedBy: string | null;
	decidedAt: string | null;
	decisionReason: string | null;
	/** For an approved proposal: the record it created or updated. */
	recordId: string | null;
	/** The language of the page it was written from: its decision mail is written in it. */
	locale: WriterLocale;
}

interface Row {
	id: string;
	type: ProposalType;
	target_id: string | null;
	status: ProposalStatus;
	payload: string;
	message: string | null;
	submitter_email: string | null;
	created_at: string;
	decided_by: string | null;
	decided_at: string | null;
	decision_reason: string | null;
	record_id: string | null;
	locale: WriterLocale | null;
}

function fromRow(r: Row): Proposal {
	return {
		id: r.id,
		type: r.type,
		targetId: r.target_id,
		status: r.status,
		payload: JSON.parse(r.payload),
		message: r.message,
		submitterEmail: r.submitter_email,
		createdAt: r.created_at,
		decidedBy: r.decided_by,
		decidedAt: r.decided_at,
		decisionReason: r.decision_reason,
		recordId: r.record_id ?? null,
		locale: r.locale ?? 'fr'
	};
}

// No 0/O/1/I/L: a reference read over the phone must not be ambiguous.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** A short human reference such as ESS-7K3P-9QXA. */
export function newReference(): string {
	const pick = () => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
	return `ESS-${pick()}-${pick()}`;
}

/**
 * Stores a pending proposal, on either connection (./query.ts): the public forms pass the client, the
 * browser tests' fixtures still the synchronous connection.
 */
export function createProposal<C extends Conn>(
	conn: C,
	input: {
		type: ProposalType;
		targetId?: string | null;
		payload: unknown;
		message?: string | null;
		submitterEmail?: string | null;
		clientHash?: string | null;
		locale?: WriterLocale;
	},
	now = new Date()
): Out<C, Proposal> {
	// The language's column is named only when one is given: a French proposal leaves it NULL (read as
	// French), as rows written before it existed do.
	const insert = input.locale
		? `INSERT INTO proposals (id, type, target_id, status, payload, message, submitter_email, client_hash, created_at, locale)
		 VALUES (?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?)`
		: `INSERT INTO proposals (id, type, target_id, status, payload, message, submitter_email, client_hash, created_at)
		 VALUES (?, ?, ?, 'pending', ?, ?, ?, ?, ?)`;
	return perform(
		conn,
		(function* () {
			for (let attempt = 0; ; attempt++) {
				const id = newReference();
				try {
					yield* run(insert, [
						id,
						input.type,
						input.targetId ?? null,
						JSON.stringify(input.payload),
						input.message ?? null,
						input.submitterEmail ?? null,
						input.clientHash ?? null,
						now.toISOString(),
						...(input.locale ? [input.locale] : [])
					]);
				} catch (e) {
					// A reference collision is astronomically rare; retry a few times, then surface the error.
					if (attempt >= 3 || !isUniqueViolation(e)) throw e;
					continue;
				}
				const row = yield* get<Row>('SELECT * FROM proposals WHERE id = ?', [id]);
				return fromRow(row!);
			}
		})()
	);
}

export function getProposal<C extends Conn>(conn: C, id: string): Out<C, Proposal | undefined> {
	return perform(
		conn,
		(function* () {
			const row = yield* get<Row>('SELECT * FROM proposals WHERE id = ?', [id]);
			return row ? fromRow(row) : undefined;
		})()
	);
}

export function listProposals<C extends Conn>(
	conn: C,
	opts: { status?: ProposalStatus; targetId?: string } = {}
): Out<C, Proposal[]> {
	const where: string[] = [];
	const args: string[] = [];
	if (opts.status) {
		where.push('status = ?');
		args.push(opts.status);
	}
	if (opts.targetId) {
		where.push('target_id = ?');
		args.push(opts.targetId);
	}
	// The id breaks ties: two proposals sent in the same millisecond keep one order on both engines.
	const sql = `SELECT * FROM proposals ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at, id`;
	return perform(
		conn,
		(function* () {
			return (yield* all<Row>(sql, args)).map(fromRow);
		})()
	);
}

/**
 * Marks a pending proposal approved or rejected; returns false if it was not pending (already decided: the
 * status is checked by the UPDATE itself, so two moderators on two instances cannot both decide).
 * A contributor who left an e-mail is told the decision: the mail is queued in the same transaction as the
 * decision (every way of deciding ends here), and composed when sent, once the record is written.
 */
export function decideProposal<C extends Conn>(
	conn: C,
	id: string,
	decision: { status: 'approved' | 'rejected'; by: string; reason?: string | null },
	now = new Date()
): Out<C, boolean> {
	return perform(
		conn,
		transaction(function* () {
			const result = yield* run(
				`UPDATE proposals SET status = ?, decided_by = ?, decided_at = ?, decision_reason = ? WHERE id = ? AND status = 'pending'`,
				[decision.status, decision.by, now.toISOString(), decision.reason ?? null, id]
			);
			if (result.changes !== 1) return false;
			const withEmail = yield* get(
				'SELECT 1 AS one FROM proposals WHERE id = ? AND submitter_email IS NOT NULL',
				[id]
			);
			if (withEmail) yield* queued('decision', id, now);
			return true;
		})
	);
}

/**
 * Records which record an approval created or updated, in the approval's transaction: moderation links to
 * it afterwards (the id of a new record may differ from the one the proposal's name would give today).
 */
export function setProposalRecord<C extends Conn>(conn: C, id: string, recordId: string): Out<C, void> {
	return perform(
		conn,
		(function* () {
			yield* run('UPDATE proposals SET record_id = ? WHERE id = ?', [recordId, id]);
		})()
	);
}

/** How many proposals a client (hashed IP) sent since a date. */
export async function countProposalsSince(sql: SqlClient, clientHash: string, since: Date): Promise<number> {
	const row = await sql.get<{ n: number }>(
		'SELECT COUNT(*) AS n FROM proposals WHERE client_hash = ? AND created_at >= ?',
		[clientHash, since.toISOString()]
	);
	return row?.n ?? 0;
}

/** Privacy: e-mails are kept only for the moderation follow-up; erase them once a decision is old enough. */
export async function forgetDecidedEmails(sql: SqlClient, decidedBefore: Date): Promise<number> {
	const result = await sql.run(
		`UPDATE proposals SET submitter_email = NULL WHERE status != 'pending' AND decided_at < ? AND submitter_email IS NOT NULL`,
		[decidedBefore.toISOString()]
	);
	return result.changes;
}
