/**
 * The store of buyers' needs and suppliers' answers (tables needs and need_interests). The private link's
 * token is 32 random bytes; only its sha256 is kept, and renewing it revokes the old link.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { InterestForm, InterestStatus, NeedForm, NeedStatus } from '$lib/domain/buyers/need';
import { get, perform, run, type Conn, type Out, type Query } from './query';
import type { SqlClient } from './sql';

export interface StoredNeed {
	id: string;
	status: NeedStatus;
	data: NeedForm;
	createdAt: string;
	moderatedAt?: string;
	moderatedBy?: string;
	moderationNote?: string;
	closedAt?: string;
}

export interface StoredInterest {
	id: string;
	needId: string;
	/** `erased`: its e-mail, telephone and message are gone (forgetOldNeedData); the structure's name stays. */
	data: InterestForm & { erased?: true };
	status: InterestStatus;
	createdAt: string;
	updatedAt: string;
}

type Failure = { ok: false; status: number; message: string };

interface NeedRow {
	id: string;
	status: NeedStatus;
	data: string;
	created_at: string;
	moderated_at: string | null;
	moderated_by: string | null;
	moderation_note: string | null;
	closed_at: string | null;
}

const COLUMNS = 'id, status, data, created_at, moderated_at, moderated_by, moderation_note, closed_at';

function toNeed(r: NeedRow): StoredNeed {
	return {
		id: r.id,
		status: r.status,
		data: JSON.parse(r.data) as NeedForm,
		createdAt: r.created_at,
		moderatedAt: r.moderated_at ?? undefined,
		moderatedBy: r.moderated_by ?? undefined,
		moderationNote: r.moderation_note ?? undefined,
		closedAt: r.closed_at ?? undefined
	};
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** A private link's token: 256 random bits, URL-safe. */
export const newToken = () => randomBytes(32).toString('base64url');

/** A token as it may appear in a URL; anything else is not looked up. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Public ids: short, random, without look-alike characters. */
function newId(): string {
	const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
	const bytes = randomBytes(10);
	return `b-${[...bytes].map((b) => alphabet[b % alphabet.length]).join('')}`;
}

/** Stores a pending need, on either connection (./query.ts): the browser tests' fixtures still pass SQLite's. */
export function createNeed<C extends Conn>(
	conn: C,
	need: NeedForm,
	opts: { clientHash?: string; now?: Date } = {}
): Out<C, { id: string; token: string }> {
	const token = newToken();
	const id = newId();
	return perform(
		conn,
		(function* () {
			yield* run(
				`INSERT INTO needs (id, status, activity, deadline, data, token_hash, client_hash, created_at)
				 VALUES (?, 'pending', ?, ?, ?, ?, ?, ?)`,
				[
					id,
					need.activite,
					need.echeance,
					JSON.stringify(need),
					hashToken(token),
					opts.clientHash ?? null,
					(opts.now ?? new Date()).toISOString()
				]
			);
			return { id, token };
		})()
	);
}

/** Needs whose deadline has passed leave the list: archived, still readable by their buyer. */
export async function archiveExpired(sql: SqlClient, today: string): Promise<number> {
	const { changes } = await sql.run(
		`UPDATE needs SET status = 'archived', closed_at = COALESCE(closed_at, ?)
		 WHERE status IN ('open', 'pending') AND deadline < ?`,
		[new Date().toISOString(), today]
	);
	return changes;
}

function* needById(id: string): Query<StoredNeed | undefined> {
	const row = yield* get<NeedRow>(`SELECT ${COLUMNS} FROM needs WHERE id = ?`, [id]);
	return row && toNeed(row);
}

export function getNeed(sql: SqlClient, id: string): Promise<StoredNeed | undefined> {
	return perform(sql, needById(id));
}

export async function needByToken(sql: SqlClient, token: string): Promise<StoredNeed | undefined> {
	if (!TOKEN_PATTERN.test(token)) return undefined;
	const row = await sql.get<NeedRow>(`SELECT ${COLUMNS} FROM needs WHERE token_hash = ?`, [hashToken(token)]);
	return row && toNeed(row);
}

/** Open needs, soonest deadline first, after archiving the expired ones. */
export async function listOpenNeeds(sql: SqlClient, today: string): Promise<StoredNeed[]> {
	await archiveExpired(sql, today);
	const rows = await sql.all<NeedRow>(
		`SELECT ${COLUMNS} FROM needs WHERE status = 'open' ORDER BY deadline, created_at, id`
	);
	return rows.map(toNeed);
}

export async function listPendingNeeds(sql: SqlClient, today: string): Promise<StoredNeed[]> {
	await archiveExpired(sql, today);
	const rows = await sql.all<NeedRow>(
		`SELECT ${COLUMNS} FROM needs WHERE status = 'pending' ORDER BY created_at, id`
	);
	return rows.map(toNeed);
}

/**
 * Approves or refuses a pending need: the status is checked by the UPDATE itself, so two moderators on two
 * instances cannot both decide. On either connection (the browser tests' fixtures pass SQLite's).
 */
export function moderateNeed<C extends Conn>(
	conn: C,
	id: string,
	decision: 'approve' | 'reject',
	by: string,
	note?: string,
	now = new Date()
): Out<C, { ok: true } | Failure> {
	return perform(
		conn,
		(function* (): Query<{ ok: true } | Failure> {
			const { changes } = yield* run(
				`UPDATE needs SET status = ?, moderated_at = ?, moderated_by = ?, moderation_note = ?
				 WHERE id = ? AND status = 'pending'`,
				[decision === 'approve' ? 'open' : 'rejected', now.toISOString(), by, note ?? null, id]
			);
			if (changes === 1) return { ok: true };
			const need = yield* needById(id);
			return need
				? { ok: false, status: 409, message: `Besoin ${id} : déjà traité (${need.status}).` }
				: { ok: false, status: 404, message: `Besoin ${id} introuvable.` };
		})()
	);
}

/**
 * The buyer closes the need: it leaves the public list; answers stay readable through the link. The status
 * is checked by the UPDATE itself: a need archived or refused meanwhile, on any instance, stays so.
 */
export async function closeNeed(
	sql: SqlClient,
	token: string,
	now = new Date()
): Promise<{ ok: true } | Failure> {
	const need = await needByToken(sql, token);
	if (!need) return { ok: false, status: 404, message: 'Lien de suivi inconnu ou révoqué.' };
	const { changes } = await sql.run(
		`UPDATE needs SET status = 'closed', closed_at = ? WHERE id = ? AND status IN ('open', 'pending')`,
		[now.toISOString(), need.id]
	);
	if (changes !== 1) return { ok: false, status: 409, message: 'Ce besoin n’est plus ouvert.' };
	return { ok: true };
}

/**
 * A new private link; the old one stops working at once (a link shared too widely is revoked so). The
 * UPDATE replaces the old token's hash only: of two renewals with one link, one wins, the other is told the
 * link is revoked.
 */
export async function renewToken(
	sql: SqlClient,
	token: string
): Promise<{ ok: true; token: string } | Failure> {
	const revoked: Failure = { ok: false, status: 404, message: 'Lien de suivi inconnu ou révoqué.' };
	if (!TOKEN_PATTERN.test(token)) return revoked;
	const fresh = newToken();
	const { changes } = await sql.run('UPDATE needs SET token_hash = ? WHERE token_hash = ?', [
		hashToken(fresh),
		hashToken(token)
	]);
	return changes === 1 ? { ok: true, token: fresh } : revoked;
}

/**
 * A supplier's answer to an open need. The need's status is read and the answer written in one transaction
 * that holds the need's row (shared lock on PostgreSQL; SQLite runs one writer at a time), so a need closed
 * on another instance meanwhile gets no answer after its closing.
 */
export async function addInterest(
	sql: SqlClient,
	needId: string,
	interest: InterestForm,
	today: string,
	now = new Date()
): Promise<{ ok: true; id: string } | Failure> {
	await archiveExpired(sql, today);
	return sql.transaction(async (tx): Promise<{ ok: true; id: string } | Failure> => {
		const lock = tx.dialect === 'postgres' ? ' FOR SHARE' : '';
		const need = await tx.get<{ status: NeedStatus }>(`SELECT status FROM needs WHERE id = ?${lock}`, [
			needId
		]);
		if (!need || need.status !== 'open')
			return {
				ok: false,
				status: need ? 410 : 404,
				message: need ? 'Ce besoin n’est plus ouvert aux réponses.' : 'Besoin introuvable.'
			};
		const id = randomBytes(9).toString('base64url');
		const at = now.toISOString();
		await tx.run(
			`INSERT INTO need_interests (id, need_id, data, status, created_at, updated_at) VALUES (?, ?, ?, 'nouvelle', ?, ?)`,
			[id, needId, JSON.stringify(interest), at, at]
		);
		return { ok: true, id };
	});
}

export async function listInterests(sql: SqlClient, needId: string): Promise<StoredInterest[]> {
	const rows = await sql.all<{
		id: string;
		need_id: string;
		data: string;
		status: InterestStatus;
		created_at: string;
		updated_at: string;
	}>(
		'SELECT id, need_id, data, status, created_at, updated_at FROM need_interests WHERE need_id = ? ORDER BY created_at, id',
		[needId]
	);
	return rows.map((r) => ({
		id: r.id,
		needId: r.need_id,
		data: JSON.parse(r.data) as InterestForm,
		status: r.status,
		createdAt: r.created_at,
		updatedAt: r.updated_at
	}));
}

export async function setInterestStatus(
	sql: SqlClient,
	token: string,
	interestId: string,
	status: InterestStatus,
	now = new Date()
): Promise<{ ok: true } | Failure> {
	const need = await needByToken(sql, token);
	if (!need) return { ok: false, status: 404, message: 'Lien de suivi inconnu ou révoqué.' };
	const { changes } = await sql.run(
		'UPDATE need_interests SET status = ?, updated_at = ? WHERE id = ? AND need_id = ?',
		[status, now.toISOString(), interestId, need.id]
	);
	return changes === 1
		? { ok: true }
		: { ok: false, status: 404, message: 'Réponse introuvable pour ce besoin.' };
}

/**
 * Privacy (stated on /confidentialite): six months after a need was closed, archived or refused, the buyer's
 * e-mail and the answering structures' e-mails, telephones and messages are erased; the need itself, the
 * structures' names and the answers' statuses stay (what was asked, who answered). The client hash that only
 * serves the rate limit goes after a day, as for proposals. Returns the numbers of needs and answers erased.
 * The documents are rewritten here rather than with SQLite's JSON functions, which PostgreSQL does not have
 * for text columns; each UPDATE checks the document it read is still the one stored.
 */
export function forgetOldNeedData(
	sql: SqlClient,
	before: { contacts: Date; clientHashes: Date }
): Promise<{ needs: number; answers: number }> {
	const contacts = before.contacts.toISOString();
	return sql.transaction(async (tx) => {
		await tx.run('UPDATE needs SET client_hash = NULL WHERE created_at < ? AND client_hash IS NOT NULL', [
			before.clientHashes.toISOString()
		]);
		const ended = `status IN ('closed', 'archived', 'rejected') AND COALESCE(closed_at, moderated_at, created_at) < ?`;
		const erase = async (
			table: 'needs' | 'need_interests',
			where: string,
			change: (data: Record<string, unknown>) => Record<string, unknown>
		) => {
			let n = 0;
			for (const row of await tx.all<{ id: string; data: string }>(
				`SELECT id, data FROM ${table} WHERE ${where}`,
				[contacts]
			)) {
				const data = JSON.parse(row.data) as Record<string, unknown>;
				if (data.erased !== undefined && data.erased !== null) continue;
				const { changes } = await tx.run(`UPDATE ${table} SET data = ? WHERE id = ? AND data = ?`, [
					JSON.stringify(change(data)),
					row.id,
					row.data
				]);
				n += changes;
			}
			return n;
		};
		const answers = await erase(
			'need_interests',
			`need_id IN (SELECT id FROM needs WHERE ${ended})`,
			// eslint-disable-next-line @typescript-eslint/no-unused-vars
			({ telephone, ...data }) => ({ ...data, email: '', message: '', erased: true })
		);
		const needs = await erase('needs', ended, (data) => ({ ...data, email: '', erased: true }));
		return { needs, answers };
	});
}
