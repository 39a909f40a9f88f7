import { describe, expect, it } from 'vitest';
import { distanceMeters } from './distance';
import { REFERENCE_HALF_SIDE, boxAround, placeBox, unionBox } from './place-box';

const cathedrale = { lon: 7.7509, lat: 48.5819 };

describe('boxAround', () => {
	it('is a square of the asked size on the ground, centred on the point', () => {
		const [w, s, e, n] = boxAround(cathedrale, 1000);
		expect(distanceMeters({ lon: w, lat: cathedrale.lat }, { lon: e, lat: cathedrale.lat })).toBeCloseTo(
			2000,
			-1
		);
		expect(distanceMeters({ lon: cathedrale.lon, lat: s }, { lon: cathedrale.lon, lat: n })).toBeCloseTo(
			2000,
			-1
		);
		expect((w + e) / 2).toBeCloseTo(cathedrale.lon, 9);
		expect((s + n) / 2).toBeCloseTo(cathedrale.lat, 9);
	});
});

describe('placeBox', () => {
	it('uses the outline when it is imported', () => {
		const outline = {
			type: 'Polygon' as const,
			coordinates: [
				[
					[7.74, 48.57],
					[7.76, 48.57],
					[7.76, 48.59],
					[7.74, 48.59],
					[7.74, 48.57]
				]
			]
		};
		expect(placeBox({ kind: 'quartier', point: cathedrale, outline })).toEqual([7.74, 48.57, 7.76, 48.59]);
	});

	it('falls back to a box around the reference point, larger for a commune than for a quartier', () => {
		const q = placeBox({ kind: 'quartier', point: cathedrale });
		const c = placeBox({ kind: 'commune', point: cathedrale });
		const width = (b: number[]) => distanceMeters({ lon: b[0], lat: b[1] }, { lon: b[2], lat: b[1] });
		expect(width(q)).toBeCloseTo(2 * REFERENCE_HALF_SIDE.quartier, -1);
		expect(width(c)).toBeCloseTo(2 * REFERENCE_HALF_SIDE.commune, -1);
		// Rounded to five decimals (about a metre): it is sent in the page.
		for (const n of q) expect(Math.round(n * 1e5) / 1e5).toBe(n);
	});
});

describe('unionBox', () => {
	it('holds every box', () => {
		expect(
			unionBox([
				[7.7, 48.5, 7.8, 48.6],
				[7.75, 48.4, 7.9, 48.55]
			])
		).toEqual([7.7, 48.4, 7.9, 48.6]);
	});
	it('is undefined for no box', () => {
		expect(unionBox([])).toBeUndefined();
	});
});
