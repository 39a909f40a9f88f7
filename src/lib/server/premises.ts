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
import { createOffer, decideOffer, getOffer, listOffers, shownOffers } from './db/premises';
import { perform, type Conn, type Out } from './db/query';
import type { SqlClient } from './db/sql';
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
	return withSlot(client.sql, guarded.slotId, async (): Promise<OfferOutcome> => {
		const read = readOfferForm(guarded.raw, now);
		if (!read.ok) return { ok: false, status: 400, errors: read.errors, values: guarded.raw };
		return { ok: true, reference: await createOffer(client.sql, place.id, read.offer, now) };
	});
}

/**
 * The offers shown at `now`, by place id. On either connection (the store's ./db/query.ts): the API's
 * answers and the places' pages, not moved yet, read them on SQLite's synchronous one.
 */
export function shownOffersByPlace<C extends Conn>(
	conn: C,
	now = new Date()
): Out<C, Map<string, StoredOffer[]>> {
	return perform(
		conn,
		(function* () {
			const byPlace = new Map<string, StoredOffer[]>();
			for (const o of yield* shownOffers(todayIso(now)))
				byPlace.set(o.placeId, [...(byPlace.get(o.placeId) ?? []), o]);
			return byPlace;
		})()
	);
}

export type OfferDecision = { ok: true } | { ok: false; message: string; field?: 'reason' };

export async function publishOffer(
	sql: SqlClient,
	id: string,
	actor: Actor,
	now = new Date()
): Promise<OfferDecision> {
	const offer = await getOffer(sql, id);
	if (!offer) return { ok: false, message: 'offre de locaux introuvable' };
	const place = await getRecordById(sql, offer.placeId);
	if (!place || place.status !== 'published')
		return {
			ok: false,
			message: 'le lieu de cette offre n’est pas publié : publiez-le d’abord, ou refusez l’offre'
		};
	// Public pages and API answers are cached per data version: a published offer is a change of the data.
	// The status is checked by the UPDATE: of two maintainers publishing at once, on two instances, one does.
	const published = await sql.transaction(async (tx) => {
		if (!(await decideOffer(tx, id, { status: 'published', by: actor.id }, now))) return false;
		await bumpDataVersion(tx);
		return true;
	});
	if (!published) return { ok: false, message: 'cette offre a déjà été traitée' };
	return { ok: true };
}

export async function rejectOffer(
	sql: SqlClient,
	id: string,
	reason: unknown,
	actor: Actor,
	now = new Date()
): Promise<OfferDecision> {
	const parsed = rejectSchema.safeParse({ reason });
	if (!parsed.success) return { ok: false, message: parsed.error.issues[0].message, field: 'reason' };
	if (!(await getOffer(sql, id))) return { ok: false, message: 'offre de locaux introuvable' };
	if (!(await decideOffer(sql, id, { status: 'rejected', by: actor.id, reason: parsed.data.reason }, now)))
		return { ok: false, message: 'cette offre a déjà été traitée' };
	return { ok: true };
}

/** The workspace's list: pending offers first, then the history (published, ended, refused), with places. */
export async function offersWorkspace(sql: SqlClient, now = new Date()) {
	const today = todayIso(now);
	const all = await listOffers(sql);
	const withPlace = async (o: (typeof all)[number]) => {
		const place = await getRecordById(sql, o.placeId);
		return {
			...o,
			placeName: place?.name ?? o.placeId,
			ended: o.offer.availableUntil < today
		};
	};
	return {
		pending: await Promise.all(all.filter((o) => o.status === 'pending').map(withPlace)),
		decided: await Promise.all(all.filter((o) => o.status !== 'pending').map(withPlace))
	};
}
