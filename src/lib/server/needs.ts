/**
 * Buyers' needs: published without an account, moderated in the workspace, open until their deadline and
 * then archived; suppliers answer through a form, and the buyer follows the answers through a private link.
 * The link's token is 32 random bytes; the store keeps only its sha256, and renewing it revokes the old link.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
	interestFormSchema,
	needFormSchema,
	type InterestForm,
	type InterestStatus,
	type NeedForm,
	type NeedStatus
} from '$lib/domain/buyers/need';
import { FORM_ERROR, zodErrors, type FieldErrors } from '$lib/domain/errors';
import type { Db } from './db/connection';
import {
	guardPublicForm,
	withSlot,
	type FormValues,
	type PublicFormClient,
	type PublicFormRules
} from './public-form';

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
	data: InterestForm;
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

// Public forms -------------------------------------------------------------------------------------------

/**
 * Publishing a need counts in the proposals' bucket (it is a proposal to publish, moderated alike), an
 * answer in the contact messages' bucket (it is a message to a buyer): the slots table knows those two.
 */
export const NEED_RULES: PublicFormRules = {
	maxBodyBytes: 16_000,
	tooBig: 'Votre envoi dépasse 16 Ko : raccourcissez la description (3 000 caractères au plus).',
	perHour: 5,
	perDay: 20,
	form: 'proposal',
	limited: {
		hour: 'Vous avez publié beaucoup de besoins en peu de temps. Réessayez dans une heure : votre texte est conservé ci-dessous.',
		day: 'Vous avez atteint le nombre de publications possible en une journée. Réessayez demain : votre texte est conservé ci-dessous.'
	}
};

export const INTEREST_RULES: PublicFormRules = {
	maxBodyBytes: 8_000,
	tooBig: 'Votre envoi dépasse 8 Ko : raccourcissez le message (2 000 caractères au plus).',
	perHour: 10,
	perDay: 30,
	form: 'contact',
	limited: {
		hour: 'Vous avez envoyé beaucoup de réponses en peu de temps. Réessayez dans une heure : votre texte est conservé ci-dessous.',
		day: 'Vous avez atteint le nombre de réponses possible en une journée. Réessayez demain : votre texte est conservé ci-dessous.'
	}
};

export type SubmitOutcome<T> =
	| ({ ok: true } & T)
	| { ok: 'honeypot' }
	| { ok: false; status: number; errors: FieldErrors; values: FormValues };

export async function submitNeed(
	request: Request,
	client: PublicFormClient,
	places: ReadonlySet<string>,
	today: string
): Promise<SubmitOutcome<{ token: string; id: string }>> {
	const guarded = await guardPublicForm(request, client, NEED_RULES);
	if (guarded.ok === 'honeypot') return guarded;
	if (!guarded.ok) return { ok: false, ...guarded.failure };
	return withSlot(client.db, guarded.slotId, () => {
		const parsed = needFormSchema(today, places).safeParse(guarded.raw);
		if (!parsed.success)
			return { ok: false as const, status: 400, errors: zodErrors(parsed.error), values: guarded.raw };
		// The client hash only served the rate limit (its slot, erased after a day): it is not kept with the need.
		const { id, token } = createNeed(client.db, parsed.data, { now: client.now });
		return { ok: true as const, id, token };
	});
}

export async function submitInterest(
	request: Request,
	client: PublicFormClient,
	needId: string,
	today: string
): Promise<SubmitOutcome<{ id: string }>> {
	const guarded = await guardPublicForm(request, client, INTEREST_RULES);
	if (guarded.ok === 'honeypot') return guarded;
	if (!guarded.ok) return { ok: false, ...guarded.failure };
	return withSlot(client.db, guarded.slotId, () => {
		const parsed = interestFormSchema.safeParse(guarded.raw);
		if (!parsed.success)
			return { ok: false as const, status: 400, errors: zodErrors(parsed.error), values: guarded.raw };
		const added = addInterest(client.db, needId, parsed.data, today, client.now);
		if (!added.ok)
			return {
				ok: false as const,
				status: added.status,
				errors: { [FORM_ERROR]: added.message },
				values: guarded.raw
			};
		return { ok: true as const, id: added.id };
	});
}
