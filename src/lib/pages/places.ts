/**
 * The places pages (/lieux, /lieux/<slug>): pure functions of the catalogue, the URL, the clock (« ouvert
 * maintenant » and the premises offers' end dates depend on the day in Strasbourg, so these pages are never
 * cached) and the premises offers shown that day, by place id.
 */
import { recordBySlug, type Catalogue } from '$lib/domain/catalogue';
import { readLenient } from '$lib/domain/filters/url';
import {
	describeOpeningHours,
	isOpenAt,
	openingHoursLines,
	openingHoursSpecification,
	parseOpeningHours
} from '$lib/domain/places/opening-hours';
import { offerCard, shownOffers, type StoredOffer } from '$lib/domain/places/premises';
import type { Place } from '$lib/domain/records';
import { PLACE_TYPES, labelOf } from '$lib/domain/taxonomies';
import { route } from '$lib/links';
import { serializeJsonLd, type JsonLd } from './json-ld';

function placeCard(c: Catalogue, p: Place, now: Date) {
	const quartier = p.quartierCode ? c.geo.quartiers.find((q) => q.code === p.quartierCode) : undefined;
	const operator = p.operatorId ? c.byId.get(p.operatorId)?.record : undefined;
	return {
		id: p.id,
		name: p.name,
		href: route.record(p),
		types: p.placeTypes.map((t) => labelOf('placeType', t)),
		typeCodes: p.placeTypes,
		services: p.services,
		audience: p.audience,
		terms: labelOf('placeTerms', p.terms),
		termsCode: p.terms,
		priceNote: p.priceNote,
		accessibility: p.accessibility,
		capacity: p.capacity,
		address: p.address,
		where: [c.geo.communes.find((x) => x.code === p.communeCode)?.name, quartier?.name]
			.filter(Boolean)
			.join(', '),
		/** true, false, or undefined when the hours are not known. */
		openNow: isOpenAt(p.openingHours, now),
		operator: operator ? { name: operator.name, href: route.record(operator) } : undefined,
		mapHref: p.location ? route.map({ select: p }) : undefined
	};
}

/** The premises offers by place id (the store's, shown or not: the rule on the date is applied here). */
export type OffersByPlace = ReadonlyMap<string, readonly StoredOffer[]>;

/** What `locaux` may ask: places with an offer of premises, or with a free one. */
const PREMISES_FILTERS = ['oui', 'gratuit'] as const;
type PremisesFilter = (typeof PREMISES_FILTERS)[number];

/**
 * GET /lieux: the places, filtered by type (`type-lieu`, several), « ouvert maintenant » (`ouvert=oui`) and
 * premises offered (`locaux=oui`, or `locaux=gratuit`: free ones), and the « Locaux disponibles » section: the
 * offers of the places listed, shown that day.
 */
export function placesPage(c: Catalogue, url: URL, now = new Date(), offers: OffersByPlace = new Map()) {
	const { selection, rejected } = readLenient(url.searchParams, 'annuaire', c.geo);
	const types = (selection.placeType ?? []) as string[];
	const openOnly = url.searchParams.get('ouvert') === 'oui';
	const asked = url.searchParams.get('locaux');
	const premises = PREMISES_FILTERS.find((f) => f === asked) as PremisesFilter | undefined;
	const shown = (p: Place) =>
		shownOffers(offers.get(p.id) ?? [], now).filter(
			(o) => premises !== 'gratuit' || o.offer.rent.kind === 'gratuit'
		);
	const listed = c.places
		.filter((p) => types.length === 0 || p.placeTypes.some((t) => types.includes(t)))
		.filter((p) => !premises || shown(p).length > 0)
		.map((p) => ({ place: p, card: placeCard(c, p, now) }))
		.filter(({ card }) => !openOnly || card.openNow === true);
	const notes = rejected
		.filter((r) => r.parameter === 'type-lieu')
		.map((r) => `Filtre ignoré : ${r.message}.`);
	if (asked !== null && !premises)
		notes.push(`Filtre ignoré : locaux : valeur inconnue « ${asked} » (oui ou gratuit).`);
	return {
		cards: listed.map(({ card }) => card),
		total: c.places.length,
		types,
		openOnly,
		premises: premises ?? '',
		/** « Locaux disponibles »: each offer with its place. */
		offers: listed.flatMap(({ place, card }) =>
			shown(place).map((o) => ({ ...offerCard(o, now), place: { name: card.name, href: card.href } }))
		),
		notes,
		options: PLACE_TYPES.map((t) => ({ value: t.code, label: t.label })),
		mapHref: route.map({ filters: { layers: ['lieux'] } }),
		apiHref: route.api('lieux'),
		createHref: route.create({ besoins: ['locaux'] }),
		proposeHref: route.proposeNew('lieu'),
		premisesOptions: [
			{ value: '', label: 'Tous les lieux' },
			{ value: 'oui', label: 'Avec des locaux disponibles' },
			{ value: 'gratuit', label: 'Avec des locaux disponibles gratuitement' }
		]
	};
}

export function placeJsonLd(p: Place, siteUrl: string, communeName: string | undefined): JsonLd {
	const url = `${siteUrl}${route.record(p)}`;
	const hours = p.openingHours ? parseOpeningHours(p.openingHours) : undefined;
	return {
		'@context': 'https://schema.org',
		'@type': 'Place',
		'@id': url,
		url,
		name: p.name,
		description: p.description,
		additionalType: p.placeTypes.map((t) => labelOf('placeType', t)),
		...(communeName
			? {
					address: {
						'@type': 'PostalAddress',
						...(p.address ? { streetAddress: p.address } : {}),
						addressLocality: communeName,
						addressCountry: 'FR'
					}
				}
			: {}),
		...(p.location && (p.location.precision === 'address' || p.location.precision === 'street')
			? { geo: { '@type': 'GeoCoordinates', latitude: p.location.lat, longitude: p.location.lon } }
			: {}),
		...(hours?.ok ? { openingHoursSpecification: openingHoursSpecification(hours.hours) } : {}),
		...(p.capacity ? { maximumAttendeeCapacity: p.capacity } : {}),
		amenityFeature: p.services.map((s) => ({
			'@type': 'LocationFeatureSpecification',
			name: s,
			value: true
		})),
		...(p.contact.website ? { sameAs: p.contact.website } : {}),
		isBasedOn: p.sources.flatMap((s) => (s.url ? [s.url] : [])),
		dateModified: p.lastVerified
	};
}

/** GET /lieux/<slug>: one place, its hours in words and « ouvert maintenant », its premises offers, JSON-LD. */
export function placePage(
	c: Catalogue,
	slug: string,
	siteUrl: string,
	now = new Date(),
	offers: OffersByPlace = new Map()
) {
	const p = recordBySlug(c, 'place', slug);
	if (!p) return undefined;
	const hours = p.openingHours ? parseOpeningHours(p.openingHours) : undefined;
	const communeName = c.geo.communes.find((x) => x.code === p.communeCode)?.name;
	return {
		place: placeCard(c, p, now),
		record: p,
		hours: hours?.ok ? describeOpeningHours(hours.hours) : undefined,
		/** The same lines as values, for pages in other languages (lib/i18n/places.ts). */
		hoursLines: hours?.ok ? openingHoursLines(hours.hours) : undefined,
		jsonLd: serializeJsonLd(placeJsonLd(p, siteUrl, communeName)),
		offers: shownOffers(offers.get(p.id) ?? [], now).map((o) => offerCard(o, now)),
		offerHref: route.placePremises(p),
		correctHref: route.proposeCorrection(p),
		contactHref: route.contact(p),
		placesHref: route.places()
	};
}
