/**
 * schema.org descriptions of the record pages, and their one serialiser for an inline
 * <script type="application/ld+json">.
 */
import type { ProviderRef } from '$lib/domain/catalogue';
import type { FundingTool, Initiative, Organisation } from '$lib/domain/records';
import { labelOf, legalForm } from '$lib/domain/taxonomies';
import { route } from '$lib/links';

export type JsonLd = Record<string, unknown>;

/**
 * JSON for an inline <script type="application/ld+json">: `<`, `>`, `&` and the two JavaScript line
 * separators are escaped so no record text can close the element.
 */
export function serializeJsonLd(ld: JsonLd): string {
	return JSON.stringify(ld)
		.replace(/</g, '\\u003c')
		.replace(/>/g, '\\u003e')
		.replace(/&/g, '\\u0026')
		.replace(/\u2028/g, '\\u2028')
		.replace(/\u2029/g, '\\u2029');
}

/** What the address of a place needs beyond the record: its commune's name and postcode. */
export interface PlaceNames {
	/** Absent for an organisation without a commune (a national or regional body). */
	communeName?: string;
	postcode?: string;
	territoryName?: string;
}

function address(r: Organisation | Initiative, place: PlaceNames) {
	if (!place.communeName) return undefined;
	return {
		'@type': 'PostalAddress',
		...(r.address ? { streetAddress: r.address } : {}),
		addressLocality: place.communeName,
		...(place.postcode ? { postalCode: place.postcode } : {}),
		addressCountry: 'FR'
	};
}

/** Coordinates only when they are the record's own (an address or a street), never a quartier centre. */
function geoOf(r: Organisation | Initiative) {
	if (!r.location || (r.location.precision !== 'address' && r.location.precision !== 'street')) return {};
	return { geo: { '@type': 'GeoCoordinates', latitude: r.location.lat, longitude: r.location.lon } };
}

export function organisationJsonLd(o: Organisation, place: PlaceNames, url: string): JsonLd {
	const family = legalForm(o.legalForm).family;
	return {
		'@context': 'https://schema.org',
		'@type':
			family === 'public' ? 'GovernmentOrganization' : family === 'association' ? 'NGO' : 'Organization',
		'@id': url,
		url,
		name: o.name,
		...(o.shortName ? { alternateName: o.shortName } : {}),
		description: o.description,
		...(place.communeName
			? {
					address: address(o, place),
					location: { '@type': 'Place', address: address(o, place), ...geoOf(o) }
				}
			: {}),
		...(place.territoryName
			? { areaServed: { '@type': 'AdministrativeArea', name: place.territoryName } }
			: {}),
		...(o.foundedYear ? { foundingDate: String(o.foundedYear) } : {}),
		...(o.siret ? { identifier: { '@type': 'PropertyValue', propertyID: 'SIRET', value: o.siret } } : {}),
		...(o.contact.website ? { sameAs: o.contact.website } : {}),
		...(o.contact.email ? { email: o.contact.email } : {}),
		...(o.contact.phone ? { telephone: o.contact.phone } : {}),
		knowsAbout: o.tags,
		subjectOf: { '@type': 'WebPage', url, dateModified: o.lastVerified }
	};
}

export function initiativeJsonLd(i: Initiative, place: PlaceNames, url: string): JsonLd {
	return {
		'@context': 'https://schema.org',
		'@type': 'Place',
		'@id': url,
		url,
		name: i.name,
		description: i.description,
		address: address(i, place),
		...geoOf(i),
		...(i.contact.website ? { sameAs: i.contact.website } : {}),
		...(i.contact.phone ? { telephone: i.contact.phone } : {}),
		keywords: [labelOf('initiativeType', i.initiativeType), ...i.tags].join(', '),
		subjectOf: { '@type': 'WebPage', url, dateModified: i.lastVerified }
	};
}

const LOAN_TYPES = [
	'pret-honneur',
	'pret-participatif',
	'pret-bancaire',
	'microcredit',
	'avance-remboursable'
];

/** schema.org type of a tool, from its main type. */
function toolType(tool: FundingTool) {
	const main = tool.types[0];
	if (LOAN_TYPES.includes(main)) return 'LoanOrCredit';
	if (main === 'subvention' || main === 'prix-concours') return 'MonetaryGrant';
	if (main === 'accompagnement' || main === 'agrement') return 'Service';
	return 'FinancialProduct';
}

/** Amount, rate and term where the tool's type carries them. */
function toolFigures(tool: FundingTool, type: ReturnType<typeof toolType>): JsonLd {
	const ld: JsonLd = {};
	const { min, max } = tool.amount ?? {};
	if (min !== undefined || max !== undefined) {
		const amount = {
			'@type': 'MonetaryAmount',
			currency: 'EUR',
			...(min !== undefined ? { minValue: min } : {}),
			...(max !== undefined ? { maxValue: max } : {})
		};
		if (type === 'LoanOrCredit' || type === 'MonetaryGrant') ld.amount = amount;
		else if (type !== 'Service') ld.offers = { '@type': 'Offer', priceSpecification: amount };
	}
	if (tool.ratePercent !== undefined && type !== 'MonetaryGrant' && type !== 'Service')
		ld.interestRate = tool.ratePercent;
	if (type === 'LoanOrCredit' && tool.termMonths?.max !== undefined)
		ld.loanTerm = {
			'@type': 'QuantitativeValue',
			...(tool.termMonths.min !== undefined ? { minValue: tool.termMonths.min } : {}),
			maxValue: tool.termMonths.max,
			unitCode: 'MON'
		};
	return ld;
}

/**
 * schema.org description of a tool: a LoanOrCredit for loans, a MonetaryGrant for grants and prizes, a
 * Service for support and approvals, a FinancialProduct for the rest (guarantees, equity, crowdfunding).
 */
export function toolJsonLd(tool: FundingTool, providers: ProviderRef[], siteUrl: string): JsonLd {
	const type = toolType(tool);
	const orgs = providers.map((p) => ({
		'@type': 'Organization',
		name: p.name,
		...(p.slug ? { url: `${siteUrl}${route.record({ kind: 'organisation', slug: p.slug })}` } : {}),
		...(p.website ? { sameAs: p.website } : {})
	}));
	const url = `${siteUrl}${route.record(tool)}`;
	const ld: JsonLd = {
		'@context': 'https://schema.org',
		'@type': type,
		'@id': url,
		url,
		name: tool.name,
		description: tool.description,
		category: tool.types.map((t) => labelOf('fundingType', t)).join(', '),
		areaServed: {
			'@type': tool.territory === 'france' ? 'Country' : 'AdministrativeArea',
			name: tool.territory === 'france' ? 'France' : labelOf('territory', tool.territory)
		},
		audience: {
			'@type': 'BusinessAudience',
			audienceType: tool.eligibility.audiences.map((a) => labelOf('audience', a)).join(', ')
		},
		dateModified: tool.lastVerified,
		isBasedOn: tool.sources.flatMap((s) => (s.url ? [s.url] : []))
	};
	if (type === 'MonetaryGrant') ld.funder = orgs;
	else ld.provider = orgs;
	Object.assign(ld, toolFigures(tool, type));
	if (tool.website) ld.sameAs = tool.website;
	return ld;
}
