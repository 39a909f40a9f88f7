import { describe, expect, it } from 'vitest';
import { describeResemblance, nameSimilarity, normaliseName, resemblance } from './resemblance';

const at = (lon: number, lat: number) => ({ lon, lat });

describe('resemblance (the duplicate rule)', () => {
	it('normalises names and measures their similarity', () => {
		expect(normaliseName('Association « Les Jardins » de l’Elsau')).toBe('jardins elsau');
		expect(nameSimilarity('Repair Café Neudorf', 'Repair Cafe du Neudorf')).toBe(1);
		expect(nameSimilarity('Épicerie solidaire', 'Garage solidaire')).toBeLessThan(0.8);
	});

	it('same kind, and the same SIRET or a similar name within 200 m', () => {
		const a = { kind: 'organisation', name: 'Repair Café Neudorf', location: at(7.76, 48.57) };
		expect(
			resemblance(a, { ...a, name: 'Repair Cafe du Neudorf', location: at(7.7605, 48.5705) })
		).toMatchObject({
			sameSiret: false,
			similarity: 1
		});
		// Too far, another kind, or no position: not the same place.
		expect(resemblance(a, { ...a, location: at(7.78, 48.57) })).toBeUndefined();
		expect(resemblance(a, { ...a, kind: 'initiative' })).toBeUndefined();
		expect(resemblance(a, { ...a, location: undefined })).toBeUndefined();
		// The same SIRET is enough, wherever and whatever the name.
		const s = { ...a, siret: '12345678900011' };
		const far = { ...s, name: 'Autre chose', location: at(7.6, 48.4) };
		expect(resemblance(s, far)).toMatchObject({ sameSiret: true });
		expect(describeResemblance(resemblance(s, far)!)).toMatch(
			/^même SIRET · noms semblables à \d+ % · à \d+ m$/
		);
	});
});
