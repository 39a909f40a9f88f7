/**
 * Premises offered to ESS activities, attached to a place: the public form's post (the public forms' shared
 * guard, then the domain's reading, src/lib/domain/places/premises.ts), the workspace's decisions, and what
 * the public pages and the API show on a given day. Nothing is shown before a maintainer publishes it, and
 * nothing after its end date.
 */
import { todayIso } from '$lib/domain/today';
import type { FieldErrors } from '$lib/domain/errors';
import { readOfferForm, type StoredOffer } from '$lib/domain/places/premises';
import type { Place } from '$lib/domain/records';
import type { Db } from './db/connection';
import { createOffer, decideOffer, getOffer, listOffers, listShownOffers } from './db/premises';
import { newReference } from './db/proposals';
import { bumpDataVersion, getRecordById } from './db/records';
import { rejectSchema } from './admin/moderation';
import type { Actor } from './admin/records';
import { guardPublicForm, withSlot, type FormValues, type PublicFormClient } from './public-form';
import { LIMITS } from './proposals';

export type OfferOutcome =
	{ ok: true; reference: string } | { ok: false; status: number; errors: FieldErrors; values: FormValues };

/** A premises offer posted for `place`. It counts in the proposals' rate limit: it is one. */
export async function submitOffer(
	place: Pick<Place, 'id'>,
	request: Request,
	client: PublicFormClient
): Promise<OfferOutcome> {
	const guarded = await guardPublicForm(request, client, {
		...LIMITS,
		form: 'proposal',
		tooBig: `Votre envoi dépasse ${LIMITS.maxBodyBytes / 1024} Ko : raccourcissez la description (2 000 caractères au plus).`,
		limited: {
			hour: 'Vous avez envoyé beaucoup de propositions en peu de temps. Réessayez dans une heure : vos textes sont conservés ci-dessous.',
			day: 'Vous avez atteint le nombre de propositions possible en une journée. Réessayez demain : vos textes sont conservés ci-dessous.'
		}
	});
	// A bot filled the invisible field: answer like a success, store nothing.
	if (guarded.ok === 'honeypot') return { ok: true, reference: newReference() };
	if (!guarded.ok) return { ok: false, ...guarded.failure };
	const now = client.now ?? new Date();
	return withSlot(client.db, guarded.slotId, async (): Promise<OfferOutcome> => {
		const read = readOfferForm(guarded.raw, now);
		if (!read.ok) return { ok: false, status: 400, errors: read.errors, values: guarded.raw };
		return { ok: true, reference: createOffer(client.db, place.id, read.offer, now) };
	});
}

/** The offers shown at `now`, by place id. */
export function shownOffersByPlace(db: Db, now = new Date()): Map<string, StoredOffer[]> {
	const byPlace = new Map<string, StoredOffer[]>();
	for (const o of listShownOffers(db, todayIso(now)))
		byPlace.set(o.placeId, [...(byPlace.get(o.placeId) ?? []), o]);
	return byPlace;
}

export type OfferDecision = { ok: true } | { ok: false; message: string; field?: 'reason' };

export function publishOffer(db: Db, id: string, actor: Actor, now = new Date()): OfferDecision {
	const offer = getOffer(db, id);
	if (!offer) return { ok: false, message: 'offre de locaux introuvable' };
	const place = getRecordById(db, offer.placeId);
	if (!place || place.status !== 'published')
		return {
			ok: false,
			message: 'le lieu de cette offre n’est pas publié : publiez-le d’abord, ou refusez l’offre'
		};
	// Public pages and API answers are cached per data version: a published offer is a change of the data.
	const published = db.transaction(() => {
		if (!decideOffer(db, id, { status: 'published', by: actor.id }, now)) return false;
		bumpDataVersion(db);
		return true;
	})();
	if (!published) return { ok: false, message: 'cette offre a déjà été traitée' };
	return { ok: true };
}

export function rejectOffer(
	db: Db,
	id: string,
	reason: unknown,
	actor: Actor,
	now = new Date()
): OfferDecision {
	const parsed = rejectSchema.safeParse({ reason });
	if (!parsed.success) return { ok: false, message: parsed.error.issues[0].message, field: 'reason' };
	if (!getOffer(db, id)) return { ok: false, message: 'offre de locaux introuvable' };
	if (!decideOffer(db, id, { status: 'rejected', by: actor.id, reason: parsed.data.reason }, now))
		return { ok: false, message: 'cette offre a déjà été traitée' };
	return { ok: true };
}

/** The workspace's list: pending offers first, then the history (published, ended, refused), with places. */
export function offersWorkspace(db: Db, now = new Date()) {
	const today = todayIso(now);
	const all = listOffers(db);
	const withPlace = (o: (typeof all)[number]) => {
		const place = getRecordById(db, o.placeId);
		return {
			...o,
			placeName: place?.name ?? o.placeId,
			ended: o.offer.availableUntil < today
		};
	};
	return {
		pending: all.filter((o) => o.status === 'pending').map(withPlace),
		decided: all.filter((o) => o.status !== 'pending').map(withPlace)
	};
}
