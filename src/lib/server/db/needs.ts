/**
 * The store of buyers' needs and suppliers' answers (tables needs and need_interests). The private link's
 * token is 32 random bytes; only its sha256 is kept, and renewing it revokes the old link.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { InterestForm, InterestStatus, NeedForm, NeedStatus } from '$lib/domain/buyers/need';
import type { Db } from './connection';

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

export function createNeed(
	db: Db,
	need: NeedForm,
	opts: { clientHash?: string; now?: Date } = {}
): { id: string; token: string } {
	const token = newToken();
	const id = newId();
	db.prepare(
		`INSERT INTO needs (id, status, activity, deadline, data, token_hash, client_hash, created_at)
		 VALUES (?, 'pending', ?, ?, ?, ?, ?, ?)`
	).run(
		id,
		need.activite,
		need.echeance,
		JSON.stringify(need),
		hashToken(token),
		opts.clientHash ?? null,
		(opts.now ?? new Date()).toISOString()
	);
	return { id, token };
}

/** Needs whose deadline has passed leave the list: archived, still readable by their buyer. */
export function archiveExpired(db: Db, today: string): number {
	return db
		.prepare(
			`UPDATE needs SET status = 'archived', closed_at = COALESCE(closed_at, ?)
			 WHERE status IN ('open', 'pending') AND deadline < ?`
		)
		.run(new Date().toISOString(), today).changes;
}

export function getNeed(db: Db, id: string): StoredNeed | undefined {
	const row = db.prepare(`SELECT ${COLUMNS} FROM needs WHERE id = ?`).get(id) as NeedRow | undefined;
	return row && toNeed(row);
}

export function needByToken(db: Db, token: string): StoredNeed | undefined {
	if (!TOKEN_PATTERN.test(token)) return undefined;
	const row = db.prepare(`SELECT ${COLUMNS} FROM needs WHERE token_hash = ?`).get(hashToken(token)) as
		NeedRow | undefined;
	return row && toNeed(row);
}

/** Open needs, soonest deadline first, after archiving the expired ones. */
export function listOpenNeeds(db: Db, today: string): StoredNeed[] {
	archiveExpired(db, today);
	return (
		db
			.prepare(`SELECT ${COLUMNS} FROM needs WHERE status = 'open' ORDER BY deadline, created_at`)
			.all() as NeedRow[]
	).map(toNeed);
}

export function listPendingNeeds(db: Db, today: string): StoredNeed[] {
	archiveExpired(db, today);
	return (
		db.prepare(`SELECT ${COLUMNS} FROM needs WHERE status = 'pending' ORDER BY created_at`).all() as NeedRow[]
	).map(toNeed);
}

export function moderateNeed(
	db: Db,
	id: string,
	decision: 'approve' | 'reject',
	by: string,
	note?: string,
	now = new Date()
): { ok: true } | Failure {
	const changed = db
		.prepare(
			`UPDATE needs SET status = ?, moderated_at = ?, moderated_by = ?, moderation_note = ?
			 WHERE id = ? AND status = 'pending'`
		)
		.run(decision === 'approve' ? 'open' : 'rejected', now.toISOString(), by, note ?? null, id).changes;
	if (changed === 1) return { ok: true };
	const need = getNeed(db, id);
	return need
		? { ok: false, status: 409, message: `Besoin ${id} : déjà traité (${need.status}).` }
		: { ok: false, status: 404, message: `Besoin ${id} introuvable.` };
}

/** The buyer closes the need: it leaves the public list; answers stay readable through the link. */
export function closeNeed(db: Db, token: string, now = new Date()): { ok: true } | Failure {
	const need = needByToken(db, token);
	if (!need) return { ok: false, status: 404, message: 'Lien de suivi inconnu ou révoqué.' };
	if (need.status === 'closed' || need.status === 'archived' || need.status === 'rejected')
		return { ok: false, status: 409, message: 'Ce besoin n’est plus ouvert.' };
	db.prepare(`UPDATE needs SET status = 'closed', closed_at = ? WHERE id = ?`).run(
		now.toISOString(),
		need.id
	);
	return { ok: true };
}

/** A new private link; the old one stops working at once (a link shared too widely is revoked so). */
export function renewToken(db: Db, token: string): { ok: true; token: string } | Failure {
	const need = needByToken(db, token);
	if (!need) return { ok: false, status: 404, message: 'Lien de suivi inconnu ou révoqué.' };
	const fresh = newToken();
	db.prepare('UPDATE needs SET token_hash = ? WHERE id = ?').run(hashToken(fresh), need.id);
	return { ok: true, token: fresh };
}

export function addInterest(
	db: Db,
	needId: string,
	interest: InterestForm,
	today: string,
	now = new Date()
): { ok: true; id: string } | Failure {
	archiveExpired(db, today);
	const need = getNeed(db, needId);
	if (!need || need.status !== 'open')
		return {
			ok: false,
			status: need ? 410 : 404,
			message: need ? 'Ce besoin n’est plus ouvert aux réponses.' : 'Besoin introuvable.'
		};
	const id = randomBytes(9).toString('base64url');
	const at = now.toISOString();
	db.prepare(
		`INSERT INTO need_interests (id, need_id, data, status, created_at, updated_at) VALUES (?, ?, ?, 'nouvelle', ?, ?)`
	).run(id, needId, JSON.stringify(interest), at, at);
	return { ok: true, id };
}

export function listInterests(db: Db, needId: string): StoredInterest[] {
	const rows = db
		.prepare(
			'SELECT id, need_id, data, status, created_at, updated_at FROM need_interests WHERE need_id = ? ORDER BY created_at'
		)
		.all(needId) as {
		id: string;
		need_id: string;
		data: string;
		status: InterestStatus;
		created_at: string;
		updated_at: string;
	}[];
	return rows.map((r) => ({
		id: r.id,
		needId: r.need_id,
		data: JSON.parse(r.data) as InterestForm,
		status: r.status,
		createdAt: r.created_at,
		updatedAt: r.updated_at
	}));
}

export function setInterestStatus(
	db: Db,
	token: string,
	interestId: string,
	status: InterestStatus,
	now = new Date()
): { ok: true } | Failure {
	const need = needByToken(db, token);
	if (!need) return { ok: false, status: 404, message: 'Lien de suivi inconnu ou révoqué.' };
	const changed = db
		.prepare('UPDATE need_interests SET status = ?, updated_at = ? WHERE id = ? AND need_id = ?')
		.run(status, now.toISOString(), interestId, need.id).changes;
	return changed === 1
		? { ok: true }
		: { ok: false, status: 404, message: 'Réponse introuvable pour ce besoin.' };
}

/**
 * Privacy (stated on /confidentialite): six months after a need was closed, archived or refused, the buyer's
 * e-mail and the answering structures' e-mails, telephones and messages are erased; the need itself, the
 * structures' names and the answers' statuses stay (what was asked, who answered). The client hash that only
 * serves the rate limit goes after a day, as for proposals. Returns the numbers of needs and answers erased.
 */
export function forgetOldNeedData(
	db: Db,
	before: { contacts: Date; clientHashes: Date }
): { needs: number; answers: number } {
	const contacts = before.contacts.toISOString();
	return db.transaction(() => {
		db.prepare('UPDATE needs SET client_hash = NULL WHERE created_at < ? AND client_hash IS NOT NULL').run(
			before.clientHashes.toISOString()
		);
		const ended = `status IN ('closed', 'archived', 'rejected') AND COALESCE(closed_at, moderated_at, created_at) < ?`;
		const answers = db
			.prepare(
				`UPDATE need_interests
				 SET data = json_set(json_remove(data, '$.telephone'), '$.email', '', '$.message', '', '$.erased', json('true'))
				 WHERE json_extract(data, '$.erased') IS NULL AND need_id IN (SELECT id FROM needs WHERE ${ended})`
			)
			.run(contacts).changes;
		const needs = db
			.prepare(
				`UPDATE needs SET data = json_set(data, '$.email', '', '$.erased', json('true'))
				 WHERE json_extract(data, '$.erased') IS NULL AND ${ended}`
			)
			.run(contacts).changes;
		return { needs, answers };
	})();
}
