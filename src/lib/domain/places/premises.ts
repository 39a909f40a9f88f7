/**
 * Premises offered to ESS activities: time-limited offers attached to a place (an office, a workshop, a shop
 * front lent or let for a while). Anyone may propose one, a maintainer publishes it, and it stops being shown
 * by itself after its end date while staying in the store's history. Pure: the schemas, the form's reading
 * and the rule of what is shown on a given day; the store is src/lib/server/db/premises.ts.
 */
import { z } from 'zod';
import { isoDateSchema, plainText } from '../common';
import { todayIso } from '../today';
import { zodErrors, type FieldErrors } from '../errors';

/** Longest an offer may run: past a year it is a lease to verify, not an offer to show. */
export const MAX_OFFER_DAYS = 366;

/** The French labels of the form's fields: error summaries, the workspace, the README's contract. */
export const PREMISES_LABELS = {
	surface: 'Surface (m²)',
	rentKind: 'Loyer',
	rentMin: 'Loyer mensuel minimum (€)',
	rentMax: 'Loyer mensuel maximum (€)',
	availableFrom: 'Disponible à partir du',
	availableUntil: 'Offre valable jusqu’au',
	contact: 'Contact',
	description: 'Description du local'
} as const;
export type PremisesField = keyof typeof PREMISES_LABELS;

const euros = (label: string) =>
	z
		.number({ error: `${label} : montant en euros attendu` })
		.int({ error: `${label} : montant entier en euros attendu` })
		.min(0, { error: `${label} : montant négatif` })
		.max(100_000, { error: `${label} : au plus 100 000 € par mois` });

/** An offer as stored: free, or a monthly rent range (max absent: one figure). */
export const premisesOfferSchema = z
	.strictObject({
		surface: z
			.number({ error: 'nombre de mètres carrés attendu' })
			.int({ error: 'nombre entier de mètres carrés attendu' })
			.min(1, { error: 'au moins 1 m²' })
			.max(100_000, { error: 'au plus 100 000 m²' }),
		rent: z.discriminatedUnion(
			'kind',
			[
				z.strictObject({ kind: z.literal('gratuit') }),
				z.strictObject({
					kind: z.literal('loyer'),
					min: euros(PREMISES_LABELS.rentMin),
					max: euros(PREMISES_LABELS.rentMax).optional()
				})
			],
			{ error: 'choisissez « Gratuit » ou « Loyer »' }
		),
		availableFrom: isoDateSchema,
		availableUntil: isoDateSchema,
		contact: plainText(300, 5),
		description: plainText(2000, 20)
	})
	.superRefine((o, ctx) => {
		for (const [path, message] of crossErrors(o))
			ctx.addIssue({ code: 'custom', path: path.split('.'), message });
	});
export type PremisesOffer = z.infer<typeof premisesOfferSchema>;

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The checks between fields (the rent range, the dates), on whatever of them is readable: the form runs them
 * beside the fields' own checks so that every error shows at the first submit.
 */
function crossErrors(o: {
	rent?: unknown;
	availableFrom?: unknown;
	availableUntil?: unknown;
}): [string, string][] {
	const out: [string, string][] = [];
	const rent = o.rent as { min?: unknown; max?: unknown } | undefined;
	if (typeof rent?.min === 'number' && typeof rent.max === 'number' && rent.max < rent.min)
		out.push(['rent.max', 'le maximum est plus petit que le minimum']);
	const { availableFrom: from, availableUntil: until } = o;
	if (typeof from !== 'string' || typeof until !== 'string' || !ISO.test(from) || !ISO.test(until))
		return out;
	if (until < from) out.push(['availableUntil', 'la fin de l’offre est avant la date de disponibilité']);
	else if (daysBetween(from, until) > MAX_OFFER_DAYS)
		out.push([
			'availableUntil',
			`une offre dure au plus un an (${MAX_OFFER_DAYS} jours) : proposez-la de nouveau ensuite`
		]);
	return out;
}

function daysBetween(from: string, to: string): number {
	return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A stored offer: its reference, its place, where moderation stands, and the offer itself. */
export interface StoredOffer {
	id: string;
	placeId: string;
	status: 'pending' | 'published' | 'rejected';
	offer: PremisesOffer;
	createdAt: string;
	decidedAt: string | null;
	decisionReason: string | null;
}

/** Shown on `today` (Europe/Paris): published and not past its end date (the end date itself included). */
export function isShown(o: Pick<StoredOffer, 'status' | 'offer'>, today: string): boolean {
	return o.status === 'published' && o.offer.availableUntil >= today;
}

/** The offers shown at `now`, soonest available first. */
export function shownOffers<T extends Pick<StoredOffer, 'status' | 'offer'>>(
	offers: readonly T[],
	now: Date
): T[] {
	const today = todayIso(now);
	return offers
		.filter((o) => isShown(o, today))
		.sort((a, b) => a.offer.availableFrom.localeCompare(b.offer.availableFrom));
}

// ---------------------------------------------------------------------------------------------------------
// The public form (posted as text): its names are a public contract (README).

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
/** A date field is `AAAA-MM-JJ` from a date picker, or `JJ/MM/AAAA` where a browser has none. */
const date = (v: unknown) => {
	const m = typeof v === 'string' ? /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(v) : null;
	return m ? `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}` : blankToUndefined(v);
};
/** "1 200", "1200,5" and "45 m²" are how people write numbers; the schema says what is wrong with the rest. */
const number = (v: unknown) => {
	if (typeof v !== 'string' || v.trim() === '') return undefined;
	const s = v.replace(/[\s\u00a0\u202f]|m²|m2|€|euros?/gi, '').replace(',', '.');
	return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : v;
};

/** The names the form posts, read into an offer; a French message per field otherwise. */
export function readOfferForm(
	raw: Record<string, unknown>,
	now: Date
): { ok: true; offer: PremisesOffer } | { ok: false; errors: FieldErrors } {
	const kind = raw.rentKind;
	const candidate = {
		surface: number(raw.surface),
		rent:
			kind === 'gratuit'
				? { kind }
				: kind === 'loyer'
					? { kind, min: number(raw.rentMin), max: number(blankToUndefined(raw.rentMax)) }
					: undefined,
		availableFrom: date(raw.availableFrom),
		availableUntil: date(raw.availableUntil),
		contact: raw.contact,
		description: raw.description
	};
	const parsed = premisesOfferSchema.safeParse(candidate);
	const errors: FieldErrors = {};
	if (!parsed.success) {
		const found = { ...Object.fromEntries(crossErrors(candidate).reverse()), ...zodErrors(parsed.error) };
		for (const [path, message] of Object.entries(found)) {
			const name =
				path === 'rent'
					? 'rentKind'
					: path === 'rent.min'
						? 'rentMin'
						: path === 'rent.max'
							? 'rentMax'
							: path;
			errors[name] ??= missingMessage(name, candidate) ?? message;
		}
	}
	const until = typeof candidate.availableUntil === 'string' ? candidate.availableUntil : undefined;
	if (until && !errors.availableUntil && until < todayIso(now))
		errors.availableUntil = 'cette date est déjà passée : l’offre ne serait jamais montrée';
	if (Object.keys(errors).length || !parsed.success) return { ok: false, errors };
	return { ok: true, offer: parsed.data };
}

/** A plainer message than the schema's when an answer is simply missing. */
function missingMessage(name: string, candidate: Record<string, unknown>): string | undefined {
	const missing = (v: unknown) => v === undefined || (typeof v === 'string' && v.trim() === '');
	const rent = candidate.rent as Record<string, unknown> | undefined;
	const value: Record<string, unknown> = { ...candidate, rentKind: rent, rentMin: rent?.min };
	if (!missing(value[name])) return undefined;
	return {
		surface: 'indiquez la surface en mètres carrés',
		rentKind: 'choisissez « Gratuit » ou « Loyer »',
		rentMin: 'indiquez le loyer mensuel (le minimum, si c’est une fourchette)',
		availableFrom: 'indiquez la date à partir de laquelle le local est disponible',
		availableUntil: 'indiquez jusqu’à quand l’offre est valable',
		contact: 'indiquez comment joindre la personne qui propose le local',
		description: 'décrivez le local en quelques phrases (20 caractères au moins)'
	}[name];
}

// ---------------------------------------------------------------------------------------------------------
// How an offer reads.

const EUROS = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
const DAY = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' });
export const frenchDate = (iso: string) => DAY.format(new Date(`${iso}T00:00:00Z`));

export function describeRent(rent: PremisesOffer['rent']): string {
	if (rent.kind === 'gratuit') return 'Gratuit';
	if (rent.max === undefined || rent.max === rent.min) return `${EUROS.format(rent.min)} € par mois`;
	return `De ${EUROS.format(rent.min)} à ${EUROS.format(rent.max)} € par mois`;
}

/** An offer as the public pages show it. */
export function offerCard(o: Pick<StoredOffer, 'id' | 'offer'>, now: Date) {
	const today = todayIso(now);
	const { offer } = o;
	return {
		id: o.id,
		surface: `${EUROS.format(offer.surface)} m²`,
		rent: describeRent(offer.rent),
		free: offer.rent.kind === 'gratuit',
		available:
			offer.availableFrom <= today
				? `Disponible maintenant, jusqu’au ${frenchDate(offer.availableUntil)}`
				: `Disponible du ${frenchDate(offer.availableFrom)} au ${frenchDate(offer.availableUntil)}`,
		contact: offer.contact,
		description: offer.description
	};
}
export type OfferCard = ReturnType<typeof offerCard>;

/** The API's view of an offer (`premisesOffers` of /api/v1/lieux). */
export function offerApi(o: Pick<StoredOffer, 'id' | 'offer'>) {
	return { id: o.id, ...o.offer };
}
