import { describe, expect, it } from 'vitest';
import { initiativePage } from './initiative';
import { directoryCatalogue, SITE } from './test-data';

const catalogue = directoryCatalogue();

describe('initiativePage', () => {
	it('gives an initiative its carrier and a Place JSON-LD', () => {
		const p = initiativePage(catalogue, 'atelier-mobile', SITE)!;
		expect(p.carrier?.id).toBe('bretzselle');
		// Carried by a structure of the catalogue: its name, and the kind of carrier once.
		expect(p.labels.carrier.name).toBe(p.carrier?.name);
		expect(p.labels.carrier.kind).not.toBe(p.labels.carrier.name);
		expect(p.labels.type).toBe('Atelier de réparation');
		expect(JSON.parse(p.jsonLd)['@type']).toBe('Place');
		expect(p.sameQuartier.map((r) => r.id)).toEqual(['bretzselle']);
	});

	it('finds nothing for unknown, unpublished or other-kind slugs', () => {
		expect(initiativePage(catalogue, 'bretzselle', SITE)).toBeUndefined();
		expect(initiativePage(catalogue, 'inconnu', SITE)).toBeUndefined();
	});
});
