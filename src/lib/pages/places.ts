/**
 * The places pages (/lieux, /lieux/<slug>): pure functions of the catalogue, the URL and the clock
 * (« ouvert maintenant » depends on the time in Strasbourg, so these pages are never cached).
 */
import { recordBySlug, type Catalogue } from '$lib/domain/catalogue';
import { readLenient } from '$lib/domain/filters/url';
import {
	describeOpeningHours,
	isOpenAt,
	openingHoursSpecification,
	parseOpeningHours
} from '$lib/domain/places/opening-hours';
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
		services: p.services,
		audience: p.audience,
		terms: labelOf('placeTerms', p.terms),
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

/** GET /lieux: the places, filtered by type (`type-lieu`, several) and « ouvert maintenant » (`ouvert=oui`). */
export function placesPage(c: Catalogue, url: URL, now = new Date()) {
	const { selection, rejected } = readLenient(url.searchParams, 'annuaire', c.geo);
	const types = (selection.placeType ?? []) as string[];
	const openOnly = url.searchParams.get('ouvert') === 'oui';
	const cards = c.places
		.filter((p) => types.length === 0 || p.placeTypes.some((t) => types.includes(t)))
		.map((p) => placeCard(c, p, now))
		.filter((p) => !openOnly || p.openNow === true);
	return {
		cards,
		total: c.places.length,
		types,
		openOnly,
		notes: rejected.filter((r) => r.parameter === 'type-lieu').map((r) => `Filtre ignoré : ${r.message}.`),
		options: PLACE_TYPES.map((t) => ({ value: t.code, label: t.label })),
		mapHref: route.map({ filters: { layers: ['lieux'] } }),
		apiHref: route.api('lieux'),
		createHref: route.create({ besoins: ['locaux'] }),
		proposeHref: route.proposeNew('lieu')
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

/** GET /lieux/<slug>: one place, its hours in words and « ouvert maintenant », JSON-LD. */
export function placePage(c: Catalogue, slug: string, siteUrl: string, now = new Date()) {
	const p = recordBySlug(c, 'place', slug);
	if (!p) return undefined;
	const hours = p.openingHours ? parseOpeningHours(p.openingHours) : undefined;
	const communeName = c.geo.communes.find((x) => x.code === p.communeCode)?.name;
	return {
		place: placeCard(c, p, now),
		record: p,
		hours: hours?.ok ? describeOpeningHours(hours.hours) : undefined,
		jsonLd: serializeJsonLd(placeJsonLd(p, siteUrl, communeName)),
		correctHref: route.proposeCorrection(p),
		contactHref: route.contact(p),
		placesHref: route.places()
	};
}
