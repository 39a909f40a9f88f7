/**
 * The buyers' search: which suppliers of the catalogue can answer a need, and why or why not, criterion by
 * criterion (legal basis with its proofs, activity, place, kind of service, size); the « potential » of the
 * need (reserve the contract, a lot, or add an insertion clause) and co-contracting groups for multi-lot
 * needs. Pure: a function of the published organisations, the reference places and the query.
 */
import { activityFamilyLabel, type ActivityFamily } from '../activity-families';
import { distanceKm } from '../directory-query';
import type { Organisation } from '../records';
import { sizeBandLabel } from '../size-bands';
import type { SizeBand } from '../size-bands';
import { labelOf, type ServiceType } from '../taxonomies';
import {
	DISABILITY_APPROVALS,
	SIAE_APPROVALS,
	eligibility,
	legalBasis,
	type Answer,
	type Eligibility,
	type EligibilityReason,
	type LegalBasis,
	type LegalBasisCode
} from './bases';
import { findPlace, type DeliveryPlace, type PlaceGeo, type SourcingQuery } from './query';
import { kindLines, supplierFamily, type KindLine } from './supplier';

export { kindLines, supplierFamily, type KindLine, type Proof } from './supplier';

export type Criterion = 'base' | 'activite' | 'lieu' | 'prestation' | 'taille';

/** Where a distance was measured from and to, for the reasons that state one. */
export interface Measured {
	km: number;
	/** From a reference point (quartier or commune centre) rather than the supplier's address. */
	approx: boolean;
	place: string;
}

/** A check's reason as a code and its parameters, beside the French text (pages write it in their language). */
export type CheckReason =
	| { code: 'basis'; reason: EligibilityReason }
	| { code: 'activity-unknown' }
	| { code: 'activity'; family: ActivityFamily }
	| { code: 'activity-other'; family: ActivityFamily }
	| { code: 'no-place' }
	| ({ code: 'near' } & Measured)
	| { code: 'intervention-commune' }
	| ({ code: 'intervention-radius'; interventionKm: number } & Measured)
	| { code: 'nowhere' }
	| ({ code: 'beyond'; radius: number } & Measured)
	| { code: 'service-unknown' }
	| { code: 'service'; service: ServiceType }
	| { code: 'service-not'; service: ServiceType }
	| { code: 'size-unknown' }
	| { code: 'size'; band: SizeBand }
	| { code: 'size-other'; band: SizeBand };

export interface Check {
	criterion: Criterion;
	answer: Answer;
	/** Why, in French. */
	text: string;
	why: CheckReason;
}

export interface Supplier {
	record: Organisation;
	family?: ActivityFamily;
	/** From the place of delivery, when one is given and the supplier is placed. */
	distanceKm?: number;
	/** Whether the distance is from a reference point (quartier or commune centre), not the address. */
	approximate: boolean;
	checks: Check[];
	eligibility?: Eligibility;
	kinds: KindLine[];
}

export type PotentialKind = 'reserve-all' | 'reserve-lot' | 'clause';

/** Which suppliers a potential counts: sheltered work, insertion, or both. */
export type PotentialPool = 'disability' | 'siae' | 'both';

export interface Potential {
	kind: PotentialKind;
	title: string;
	/** The count the suggestion rests on. */
	count: number;
	reasoning: string[];
	pool: PotentialPool;
	/** The radius and place the count was made in, when a place was given. */
	within?: { radius: number; place: string };
}

/** What « noneNearby » says, as facts: a page writes them in its reader's language. */
export interface NoneNearby {
	basis: LegalBasisCode;
	/** Whether an activity narrowed the search. */
	activity: boolean;
	within?: { radius: number; place: string };
	/** Whether admitted suppliers beyond the radius are listed. */
	further: boolean;
}

export interface CoGroup {
	members: { lot: ActivityFamily; supplier: Supplier }[];
	/** Total distance of the members from the place of delivery, when known. */
	totalKm?: number;
}

export interface SourcingResult {
	basis?: LegalBasis;
	place?: DeliveryPlace;
	/** Every criterion answered yes (or « to check » for data the record lacks). */
	matches: Supplier[];
	/** Near and in the activity, but not admitted under the reserved basis: with the reason. */
	apart: Supplier[];
	/** Admitted and in the activity, but beyond the radius and their intervention area. */
	further: Supplier[];
	/** Said when a reserved basis finds nobody within the radius. */
	noneNearby?: string;
	noneNearbyFacts?: NoneNearby;
	potential?: Potential;
	/** For a multi-lot need: lots without any supplier, and groups that cover all the others. */
	lots: { family: ActivityFamily; count: number }[];
	groups: CoGroup[];
	shortlist: Supplier[];
	/** Shortlisted ids that name no published supplier. */
	unknownChoices: string[];
}

const RESERVED = new Set(['L2113-12', 'L2113-13', 'L2113-14', 'L2113-15']);

const km = (n: number) => `${n < 10 ? n.toFixed(1).replace('.', ',') : Math.round(n)} km`;

function placeCheck(o: Organisation, q: SourcingQuery, place: SourcingResult['place']) {
	if (!place)
		return {
			answer: 'yes' as Answer,
			text: 'Pas de lieu d’exécution indiqué.',
			why: { code: 'no-place' } as CheckReason
		};
	const d = o.location ? distanceKm(place.point, o.location) : undefined;
	const approx = o.location !== undefined && o.location.precision !== 'address';
	const where = (n: number) => `à ${approx ? 'environ ' : ''}${km(n)} de ${place.name}`;
	const measured = (n: number): Measured => ({ km: n, approx, place: place.name });
	if (d !== undefined && d <= q.rayon)
		return {
			answer: 'yes' as Answer,
			text: `Implantée ${where(d)}.`,
			why: { code: 'near', ...measured(d) } as CheckReason,
			d,
			approx
		};
	if ((o.interventionCommunes ?? []).includes(place.communeCode))
		return {
			answer: 'yes' as Answer,
			text: `Déclare intervenir dans la commune du lieu d’exécution.`,
			why: { code: 'intervention-commune' } as CheckReason,
			d,
			approx
		};
	if (d !== undefined && o.interventionKm !== undefined && d <= o.interventionKm)
		return {
			answer: 'yes' as Answer,
			text: `Implantée ${where(d)}, dans son rayon d’intervention de ${o.interventionKm} km.`,
			why: { code: 'intervention-radius', interventionKm: o.interventionKm, ...measured(d) } as CheckReason,
			d,
			approx
		};
	if (d === undefined)
		return {
			answer: 'no' as Answer,
			text: 'Pas d’implantation connue dans l’Eurométropole ni de zone d’intervention déclarée.',
			why: { code: 'nowhere' } as CheckReason,
			d,
			approx
		};
	return {
		answer: 'no' as Answer,
		text: `Implantée ${where(d)}, au-delà du rayon de ${q.rayon} km.`,
		why: { code: 'beyond', radius: q.rayon, ...measured(d) } as CheckReason,
		d,
		approx
	};
}

/** Every criterion of the query for one organisation. */
export function evaluate(
	o: Organisation,
	q: SourcingQuery,
	place: SourcingResult['place'],
	activity: ActivityFamily | undefined = q.activite
): Supplier {
	const checks: Check[] = [];
	let elig: Eligibility | undefined;
	if (q.base) {
		elig = eligibility(o, q.base);
		checks.push({
			criterion: 'base',
			answer: elig.answer,
			text: elig.reason,
			why: { code: 'basis', reason: elig.reasonCode }
		});
	}
	const family = supplierFamily(o);
	if (activity)
		checks.push(
			family === undefined
				? {
						criterion: 'activite',
						answer: 'no',
						text: 'Activité non renseignée.',
						why: { code: 'activity-unknown' }
					}
				: family === activity
					? {
							criterion: 'activite',
							answer: 'yes',
							text: activityFamilyLabel(family),
							why: { code: 'activity', family }
						}
					: {
							criterion: 'activite',
							answer: 'no',
							text: `Autre activité : ${activityFamilyLabel(family)}.`,
							why: { code: 'activity-other', family }
						}
		);
	const where = placeCheck(o, q, place);
	checks.push({ criterion: 'lieu', answer: where.answer, text: where.text, why: where.why });
	if (q.prestation) {
		const service = q.prestation;
		const label = labelOf('serviceType', service);
		checks.push(
			!o.serviceTypes?.length
				? {
						criterion: 'prestation',
						answer: 'unknown',
						text: 'Types de prestation non renseignés : à vérifier.',
						why: { code: 'service-unknown' }
					}
				: o.serviceTypes.includes(service)
					? { criterion: 'prestation', answer: 'yes', text: label, why: { code: 'service', service } }
					: {
							criterion: 'prestation',
							answer: 'no',
							text: `Ne déclare pas : ${label.toLowerCase()}.`,
							why: { code: 'service-not', service }
						}
		);
	}
	if (q.taille)
		checks.push(
			o.sizeBand === undefined
				? {
						criterion: 'taille',
						answer: 'unknown',
						text: 'Effectifs non renseignés : à vérifier.',
						why: { code: 'size-unknown' }
					}
				: o.sizeBand === q.taille
					? {
							criterion: 'taille',
							answer: 'yes',
							text: sizeBandLabel(o.sizeBand),
							why: { code: 'size', band: o.sizeBand }
						}
					: {
							criterion: 'taille',
							answer: 'no',
							text: `Autre tranche : ${sizeBandLabel(o.sizeBand)}.`,
							why: { code: 'size-other', band: o.sizeBand }
						}
		);
	return {
		record: o,
		family,
		distanceKm: 'd' in where ? where.d : undefined,
		approximate: 'approx' in where ? (where.approx ?? false) : false,
		checks,
		eligibility: elig,
		kinds: kindLines(o)
	};
}

const answerOf = (s: Supplier, c: Criterion) => s.checks.find((x) => x.criterion === c)?.answer;
const passes = (s: Supplier, c: Criterion) => answerOf(s, c) !== 'no';

const byDistance = (a: Supplier, b: Supplier) =>
	(a.distanceKm ?? Infinity) - (b.distanceKm ?? Infinity) || a.record.name.localeCompare(b.record.name, 'fr');

/** Organisations that supply: ESS actors (not only financers or support bodies). */
export function suppliersOf(organisations: readonly Organisation[]): Organisation[] {
	return organisations.filter((o) => o.roles.includes('acteur'));
}

/** Le Marché de l'inclusion's thresholds are national (30, 10, 1); ours are a local market's. */
export const POTENTIAL_THRESHOLDS = { reserveAll: 5, reserveLot: 2 } as const;

export function potentialOf(count: number, q: SourcingQuery, place?: { name: string }): Potential {
	const within = place ? ` dans un rayon de ${q.rayon} km autour de ${place.name}` : '';
	const facts = {
		pool: (q.base === 'L2113-12' ? 'disability' : q.base === 'L2113-13' ? 'siae' : 'both') as PotentialPool,
		within: place ? { radius: q.rayon, place: place.name } : undefined
	};
	const who =
		q.base === 'L2113-12'
			? 'entreprises adaptées ou ESAT'
			: q.base === 'L2113-13'
				? 'structures d’insertion (SIAE)'
				: 'structures d’insertion ou du travail protégé et adapté';
	const counted = `${count} ${who} proposent cette activité${within}.`;
	const method = `Repères de ce site : ${POTENTIAL_THRESHOLDS.reserveAll} structures ou plus pour réserver tout le marché, ${POTENTIAL_THRESHOLDS.reserveLot} à ${POTENTIAL_THRESHOLDS.reserveAll - 1} pour un lot réservé, sinon une clause. Le Marché de l’inclusion retient 30, 10 et 1 à l’échelle nationale, en tenant compte de leur chiffre d’affaires.`;
	if (count >= POTENTIAL_THRESHOLDS.reserveAll)
		return {
			kind: 'reserve-all',
			title: 'Réserver tout le marché',
			count,
			...facts,
			reasoning: [counted, 'Assez de structures pour une mise en concurrence entre elles.', method]
		};
	if (count >= POTENTIAL_THRESHOLDS.reserveLot)
		return {
			kind: 'reserve-lot',
			title: 'Réserver un lot',
			count,
			...facts,
			reasoning: [
				counted,
				'Une concurrence entre quelques structures sur une partie du besoin : un lot réservé, le reste ouvert.',
				method
			]
		};
	return {
		kind: 'clause',
		title: 'Ajouter une clause d’insertion (article L2112-2)',
		count,
		...facts,
		reasoning: [
			counted,
			count === 1
				? 'Une seule structure ne fait pas une mise en concurrence : une clause d’insertion lui permet de participer en co-traitance ou en sous-traitance.'
				: 'Sans structure proche, une clause d’insertion fait réaliser des heures de travail par des personnes éloignées de l’emploi, avec l’aide d’un facilitateur de clauses.',
			method
		]
	};
}

/** Small groups covering every lot: one supplier per lot among the nearest three, fewest members first. */
function coGroups(perLot: { family: ActivityFamily; suppliers: Supplier[] }[]): CoGroup[] {
	if (perLot.length < 2 || perLot.some((l) => l.suppliers.length === 0)) return [];
	let combos: { lot: ActivityFamily; supplier: Supplier }[][] = [[]];
	for (const lot of perLot)
		combos = combos.flatMap((c) =>
			lot.suppliers.slice(0, 3).map((s) => [...c, { lot: lot.family, supplier: s }])
		);
	const groups = combos.map((members) => {
		const distinct = new Map(members.map((m) => [m.supplier.record.id, m.supplier]));
		const known = [...distinct.values()].every((s) => s.distanceKm !== undefined);
		return {
			members,
			size: distinct.size,
			totalKm: known ? [...distinct.values()].reduce((t, s) => t + s.distanceKm!, 0) : undefined
		};
	});
	groups.sort((a, b) => a.size - b.size || (a.totalKm ?? Infinity) - (b.totalKm ?? Infinity));
	return groups.slice(0, 3).map(({ members, totalKm }) => ({ members, totalKm }));
}

/** `located`: the place of a typed address (`q.adresse`), which only the server can geocode. */
export function sourcing(
	organisations: readonly Organisation[],
	geo: PlaceGeo,
	q: SourcingQuery,
	located?: DeliveryPlace
): SourcingResult {
	const place = located ?? (q.lieu ? findPlace(geo, q.lieu) : undefined);
	const basis = q.base ? legalBasis(q.base) : undefined;
	const suppliers = suppliersOf(organisations);
	const evaluated = suppliers.map((o) => evaluate(o, q, place));
	const reserved = q.base !== undefined && RESERVED.has(q.base);

	const activityOk = (s: Supplier) => !q.activite || answerOf(s, 'activite') === 'yes';
	const extrasOk = (s: Supplier) => passes(s, 'prestation') && passes(s, 'taille');
	const matches = evaluated
		.filter((s) => passes(s, 'base') && activityOk(s) && answerOf(s, 'lieu') === 'yes' && extrasOk(s))
		.sort(byDistance);
	const apart = reserved
		? evaluated
				.filter((s) => !passes(s, 'base') && activityOk(s) && answerOf(s, 'lieu') === 'yes' && extrasOk(s))
				.sort(byDistance)
		: [];
	const further = place
		? evaluated
				.filter((s) => passes(s, 'base') && activityOk(s) && answerOf(s, 'lieu') === 'no')
				.sort(byDistance)
		: [];
	const noneNearby =
		reserved && matches.length === 0 && basis
			? `Aucune structure admise au titre de l’article ${basis.code}${q.activite ? ` pour cette activité` : ''}${place ? ` dans un rayon de ${q.rayon} km autour de ${place.name}` : ' dans la base'}.${further.length ? ' Les plus proches au-delà sont listées plus bas.' : ''}`
			: undefined;
	const noneNearbyFacts: NoneNearby | undefined =
		noneNearby && basis
			? {
					basis: basis.code,
					activity: q.activite !== undefined,
					within: place ? { radius: q.rayon, place: place.name } : undefined,
					further: further.length > 0
				}
			: undefined;

	let potential: Potential | undefined;
	if (q.activite) {
		const pool =
			q.base === 'L2113-12'
				? DISABILITY_APPROVALS
				: q.base === 'L2113-13'
					? SIAE_APPROVALS
					: [...SIAE_APPROVALS, ...DISABILITY_APPROVALS];
		const count = evaluated.filter(
			(s) =>
				s.record.approvals.some((a) => pool.includes(a)) &&
				activityOk(s) &&
				answerOf(s, 'lieu') === 'yes' &&
				extrasOk(s)
		).length;
		potential = potentialOf(count, q, place);
	}

	const perLot = q.lots.map((family) => ({
		family,
		suppliers: suppliers
			.map((o) => evaluate(o, q, place, family))
			.filter(
				(s) =>
					passes(s, 'base') &&
					answerOf(s, 'activite') === 'yes' &&
					answerOf(s, 'lieu') === 'yes' &&
					extrasOk(s)
			)
			.sort(byDistance)
	}));

	const byId = new Map(evaluated.map((s) => [s.record.id, s]));
	return {
		basis,
		place,
		matches,
		apart,
		further,
		noneNearby,
		noneNearbyFacts,
		potential,
		lots: perLot.map((l) => ({ family: l.family, count: l.suppliers.length })),
		groups: coGroups(perLot),
		shortlist: q.choix.flatMap((id) => byId.get(id) ?? []),
		unknownChoices: q.choix.filter((id) => !byId.has(id))
	};
}
