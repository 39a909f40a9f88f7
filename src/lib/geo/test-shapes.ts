import type { Polygon } from 'geojson';

/** An axis-aligned square polygon for tests: [west, south, east, north]. */
export function square(w: number, s: number, e: number, n: number): Polygon {
	return {
		type: 'Polygon',
		coordinates: [
			[
				[w, s],
				[e, s],
				[e, n],
				[w, n],
				[w, s]
			]
		]
	};
}

/** Where the shared reference outlines live when the project sits beside ../shared (tests only). */
export const SHARED_COMMUNES_GEOJSON = new URL(
	'../../../../shared/geo/communes-eurometropole.geojson',
	import.meta.url
);
