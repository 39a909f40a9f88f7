import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { EMS_BBOX } from '$lib/domain/coordinates';
import { lambert93ToWgs84, lambert93ToWgs84Exact } from './lambert93';

// GRS80, the ellipsoid of RGF93.
const A = 6378137;
const F = 1 / 298.257222101;
const E2 = F * (2 - F);
const rad = (d: number) => (d * Math.PI) / 180;

/** Latitude on Lambert-93's central meridian (x = 700 000 m) reached at ordonnée y, found by bisection. */
function yAtLatitude(lat: number): number {
	let lo = 5_000_000;
	let hi = 7_500_000;
	for (let i = 0; i < 80; i++) {
		const mid = (lo + hi) / 2;
		if (lambert93ToWgs84Exact(700_000, mid)[1] < lat) lo = mid;
		else hi = mid;
	}
	return (lo + hi) / 2;
}

/**
 * The projection's scale along the meridian at a latitude: a kilometre of ordonnée against the length of
 * meridian arc it spans on the ellipsoid (radius of curvature a(1 - e²) / (1 - e² sin²φ)^3/2).
 */
function meridianScale(lat: number): number {
	const y = yAtLatitude(lat);
	const [, south] = lambert93ToWgs84Exact(700_000, y - 500);
	const [, north] = lambert93ToWgs84Exact(700_000, y + 500);
	const s = Math.sin(rad(lat));
	const arc = ((A * (1 - E2)) / (1 - E2 * s * s) ** 1.5) * rad(north - south);
	return 1000 / arc;
}

describe('Lambert-93 to WGS84', () => {
	it('reproduces the EPSG worked example of the Lambert conic conformal (2SP) it relies on', () => {
		// IOGP Guidance Note 7-2 (Coordinate Conversions and Transformations), Lambert Conic Conformal (2SP),
		// EPSG:32040 NAD27 / Texas South Central: 28°30'N 96°00'W gives E = 2 963 503.91 ftUS, N = 254 759.80 ftUS.
		const ftUS = 1200 / 3937;
		const texas = `+proj=lcc +lat_0=${27 + 50 / 60} +lon_0=-99 +lat_1=${28 + 23 / 60} +lat_2=${30 + 17 / 60} +x_0=${2_000_000 * ftUS} +y_0=0 +a=6378206.4 +rf=294.9786982 +units=m +no_defs`;
		const clarke = '+proj=longlat +a=6378206.4 +rf=294.9786982 +no_defs';
		const [e, n] = proj4(clarke, texas, [-96, 28.5]);
		expect(e / ftUS).toBeCloseTo(2_963_503.91, 2);
		expect(n / ftUS).toBeCloseTo(254_759.8, 2);
		const [lon, lat] = proj4(texas, clarke, [e, n]);
		expect(lon).toBeCloseTo(-96, 9);
		expect(lat).toBeCloseTo(28.5, 9);
	});

	it('puts the false origin (700 000, 6 600 000) at 3° E, 46.5° N, as IGN defines Lambert-93', () => {
		expect(lambert93ToWgs84(700_000, 6_600_000)).toEqual([3, 46.5]);
	});

	it('keeps lengths on the standard parallels 44° and 49° N, and shrinks them by IGN’s 0.99905103 at 46.5° N', () => {
		expect(meridianScale(44)).toBeCloseTo(1, 6);
		expect(meridianScale(49)).toBeCloseTo(1, 6);
		expect(meridianScale(46.5)).toBeCloseTo(0.99905103, 6);
	});

	it('stays on the central meridian and is symmetric about it', () => {
		const [lon] = lambert93ToWgs84(700_000, 6_800_000);
		expect(lon).toBe(3);
		const [east, latE] = lambert93ToWgs84Exact(800_000, 6_800_000);
		const [west, latW] = lambert93ToWgs84Exact(600_000, 6_800_000);
		expect(east - 3).toBeCloseTo(3 - west, 9);
		expect(latE).toBeCloseTo(latW, 9);
	});

	it('places Strasbourg’s Lambert-93 square (1 045-1 055 km, 6 835-6 845 km) inside the Eurométropole', () => {
		for (const [x, y] of [
			[1_045_000, 6_835_000],
			[1_055_000, 6_845_000]
		]) {
			const [lon, lat] = lambert93ToWgs84(x, y);
			expect(lon).toBeGreaterThan(EMS_BBOX[0]);
			expect(lon).toBeLessThan(EMS_BBOX[2]);
			expect(lat).toBeGreaterThan(EMS_BBOX[1]);
			expect(lat).toBeLessThan(EMS_BBOX[3]);
		}
	});
});
