/**
 * Premises offers (migration 10): stored once, decided once, never deleted. What is shown is decided by the
 * domain's rule on the date (src/lib/domain/places/premises.ts), so an offer past its end date leaves the
 * public pages by itself and stays here, with its decision, as the place's history of offers.
 */
import { premisesOfferSchema, type PremisesOffer, type StoredOffer } from '$lib/domain/places/premises';
import { all, perform, run, type Conn, type Out, type Query } from './query';
import type { SqlClient } from './sql';
import { isUniqueViolation } from './users';
import { newReference } from './proposals';

interface Row {
	id: string;
	place_id: string;
	status: StoredOffer['status'];
	data: string;
	created_at: string;
	decided_by: string | null;
	decided_at: string | null;
	decision_reason: string | null;
}

export interface OfferRow extends StoredOffer {
	decidedBy: string | null;
}

function fromRow(r: Row): OfferRow {
	return {
		id: r.id,
		placeId: r.place_id,
		status: r.status,
		// Validated before every write: reading it again keeps one type from the form to the page.
		offer: premisesOfferSchema.parse(JSON.parse(r.data)),
		createdAt: r.created_at,
		decidedBy: r.decided_by,
		decidedAt: r.decided_at,
		decisionReason: r.decision_reason
	};
}

/**
 * Stores a pending offer; its id is a reference like the proposals' (ESS-7K3P-9QXA). On either connection
 * (./query.ts): the browser tests' fixtures still pass SQLite's.
 */
export function createOffer<C extends Conn>(
	conn: C,
	placeId: string,
	offer: PremisesOffer,
	now = new Date()
): Out<C, string> {
	const valid = premisesOfferSchema.parse(offer);
	return perform(
		conn,
		(function* () {
			for (let attempt = 0; ; attempt++) {
				const id = newReference();
				try {
					yield* run(
						`INSERT INTO premises_offers (id, place_id, status, data, available_from, available_until, created_at)
						 VALUES (?, ?, 'pending', ?, ?, ?, ?)`,
						[id, placeId, JSON.stringify(valid), valid.availableFrom, valid.availableUntil, now.toISOString()]
					);
					return id;
				} catch (e) {
					// A reference collision is astronomically rare; retry a few times, then surface the error.
					if (attempt >= 3 || !isUniqueViolation(e)) throw e;
				}
			}
		})()
	);
}

export async function getOffer(sql: SqlClient, id: string): Promise<OfferRow | undefined> {
	const row = await sql.get<Row>('SELECT * FROM premises_offers WHERE id = ?', [id]);
	return row ? fromRow(row) : undefined;
}

/** Offers by status (all when absent), newest first; of one place when `placeId` is given. */
export async function listOffers(
	sql: SqlClient,
	filter: { status?: StoredOffer['status']; placeId?: string } = {}
): Promise<OfferRow[]> {
	const where: string[] = [];
	const args: string[] = [];
	if (filter.status) {
		where.push('status = ?');
		args.push(filter.status);
	}
	if (filter.placeId) {
		where.push('place_id = ?');
		args.push(filter.placeId);
	}
	const rows = await sql.all<Row>(
		`SELECT * FROM premises_offers ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id`,
		args
	);
	return rows.map(fromRow);
}

/**
 * Published offers not past their end date on `today` (AAAA-MM-JJ, Europe/Paris), soonest first. On either
 * connection: the API's answers (not moved yet) read them on SQLite's.
 */
export function listShownOffers<C extends Conn>(conn: C, today: string): Out<C, OfferRow[]> {
	return perform(conn, shownOffers(today));
}

export function* shownOffers(today: string): Query<OfferRow[]> {
	const rows = yield* all<Row>(
		`SELECT * FROM premises_offers WHERE status = 'published' AND available_until >= ?
		 ORDER BY available_from, id`,
		[today]
	);
	return rows.map(fromRow);
}

/**
 * Decides a pending offer; false when it was decided already (two maintainers at once, on one instance or
 * two: the UPDATE checks the status it changes). On either connection (the browser tests' fixtures).
 */
export function decideOffer<C extends Conn>(
	conn: C,
	id: string,
	decision: { status: 'published' | 'rejected'; by: string; reason?: string },
	now = new Date()
): Out<C, boolean> {
	return perform(
		conn,
		(function* () {
			const { changes } = yield* run(
				`UPDATE premises_offers SET status = ?, decided_by = ?, decided_at = ?, decision_reason = ?
				 WHERE id = ? AND status = 'pending'`,
				[decision.status, decision.by, now.toISOString(), decision.reason ?? null, id]
			);
			return changes === 1;
		})()
	);
}

export async function countPendingOffers(sql: SqlClient): Promise<number> {
	const row = await sql.get<{ n: number }>(
		"SELECT COUNT(*) AS n FROM premises_offers WHERE status = 'pending'"
	);
	return row?.n ?? 0;
}
