/**
 * Premises offers (migration 10): stored once, decided once, never deleted. What is shown is decided by the
 * domain's rule on the date (src/lib/domain/places/premises.ts), so an offer past its end date leaves the
 * public pages by itself and stays here, with its decision, as the place's history of offers.
 */
import { premisesOfferSchema, type PremisesOffer, type StoredOffer } from '$lib/domain/places/premises';
import type { Db } from './connection';
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

/** Stores a pending offer; its id is a reference like the proposals' (ESS-7K3P-9QXA). */
export function createOffer(db: Db, placeId: string, offer: PremisesOffer, now = new Date()): string {
	const valid = premisesOfferSchema.parse(offer);
	const insert = db.prepare(
		`INSERT INTO premises_offers (id, place_id, status, data, available_from, available_until, created_at)
		 VALUES (?, ?, 'pending', ?, ?, ?, ?)`
	);
	for (let attempt = 0; ; attempt++) {
		const id = newReference();
		try {
			insert.run(
				id,
				placeId,
				JSON.stringify(valid),
				valid.availableFrom,
				valid.availableUntil,
				now.toISOString()
			);
			return id;
		} catch (e) {
			// A reference collision is astronomically rare; retry a few times, then surface the error.
			if (attempt >= 3 || !String(e).includes('UNIQUE')) throw e;
		}
	}
}

export function getOffer(db: Db, id: string): OfferRow | undefined {
	const row = db.prepare('SELECT * FROM premises_offers WHERE id = ?').get(id) as Row | undefined;
	return row ? fromRow(row) : undefined;
}

/** Offers by status (all when absent), newest first; of one place when `placeId` is given. */
export function listOffers(
	db: Db,
	filter: { status?: StoredOffer['status']; placeId?: string } = {}
): OfferRow[] {
	const rows = db
		.prepare(
			`SELECT * FROM premises_offers
			 WHERE (@status IS NULL OR status = @status) AND (@placeId IS NULL OR place_id = @placeId)
			 ORDER BY created_at DESC, id`
		)
		.all({ status: filter.status ?? null, placeId: filter.placeId ?? null }) as Row[];
	return rows.map(fromRow);
}

/** Published offers not past their end date on `today` (AAAA-MM-JJ, Europe/Paris), soonest first. */
export function listShownOffers(db: Db, today: string): OfferRow[] {
	const rows = db
		.prepare(
			`SELECT * FROM premises_offers WHERE status = 'published' AND available_until >= ?
			 ORDER BY available_from, id`
		)
		.all(today) as Row[];
	return rows.map(fromRow);
}

/** Decides a pending offer; false when it was decided already (two maintainers at once). */
export function decideOffer(
	db: Db,
	id: string,
	decision: { status: 'published' | 'rejected'; by: string; reason?: string },
	now = new Date()
): boolean {
	const res = db
		.prepare(
			`UPDATE premises_offers SET status = ?, decided_by = ?, decided_at = ?, decision_reason = ?
			 WHERE id = ? AND status = 'pending'`
		)
		.run(decision.status, decision.by, now.toISOString(), decision.reason ?? null, id);
	return res.changes === 1;
}

export function countPendingOffers(db: Db): number {
	return (
		db.prepare("SELECT COUNT(*) AS n FROM premises_offers WHERE status = 'pending'").get() as { n: number }
	).n;
}
