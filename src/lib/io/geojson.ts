import type { Commune, Quartier } from '$lib/domain/geography';
import type { PublicRecord } from '$lib/domain/records';

export interface Feature<P = Record<string, unknown>> {
	type: 'Feature';
	id: string;
	geometry: { type: 'Point'; coordinates: [number, number] };
	properties: P;
}
export interface FeatureCollection<P = Record<string, unknown>> {
	type: 'FeatureCollection';
	features: Feature<P>[];
	[key: string]: unknown;
}

/**
 * Records with a place become Point features; records without one are left out (they stay in the JSON list).
 * `pageUrl` gives each record's public page (the app's links live in lib/links.ts, which io does not import).
 */
export function recordsToFeatures(records: PublicRecord[], pageUrl: (r: PublicRecord) => string): Feature[] {
	const features: Feature[] = [];
	for (const r of records) {
		if (r.kind === 'funding-tool' || !r.location) continue;
		features.push({
			type: 'Feature',
			id: r.id,
			geometry: { type: 'Point', coordinates: [r.location.lon, r.location.lat] },
			properties: {
				id: r.id,
				kind: r.kind,
				slug: r.slug,
				name: r.name,
				precision: r.location.precision,
				address: r.address ?? null,
				communeCode: r.communeCode,
				quartierCode: r.quartierCode ?? null,
				thematiques: r.thematiques,
				sectors: r.kind === 'place' || r.kind === 'event' ? [] : r.sectors,
				...(r.kind === 'place' ? { placeTypes: r.placeTypes } : {}),
				...(r.kind === 'event' ? { startDate: r.startDate, endDate: r.endDate ?? r.startDate } : {}),
				lastVerified: r.lastVerified,
				url: pageUrl(r)
			}
		});
	}
	return features;
}

export function communesToFeatures(communes: Commune[]): Feature[] {
	return communes.map((c) => ({
		type: 'Feature',
		id: c.code,
		geometry: { type: 'Point', coordinates: [c.centroid.lon, c.centroid.lat] },
		properties: {
			code: c.code,
			slug: c.slug,
			name: c.name,
			postcodes: c.postcodes,
			population: c.population ?? null
		}
	}));
}

export function quartiersToFeatures(quartiers: Quartier[]): Feature[] {
	return quartiers.map((q) => ({
		type: 'Feature',
		id: q.code,
		geometry: { type: 'Point', coordinates: [q.point.lon, q.point.lat] },
		properties: {
			code: q.code,
			slug: q.slug,
			name: q.name,
			communeCode: q.communeCode,
			pointIsRepresentative: true
		}
	}));
}
