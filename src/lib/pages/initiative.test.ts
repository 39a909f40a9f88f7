import { describe, expect, it } from 'vitest';
import { initiativePage } from './initiative';
import { testCatalogue } from '$lib/domain/test-catalogue';
import { communes, directoryCatalogue, directoryRecords, quartiers, SITE, thematiques } from './test-data';

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

	it('links the map by id and its carrier by the carrier’s current slug', () => {
		const renamed = directoryRecords.map((r) =>
			r.id === 'atelier-mobile'
				? { ...r, slug: 'atelier-mobile-meinau' }
				: r.id === 'bretzselle'
					? { ...r, slug: 'bretz-selle' }
					: r
		);
		const c = testCatalogue(renamed, { communes, quartiers, thematiques });
		const p = initiativePage(c, 'atelier-mobile-meinau', SITE)!;
		expect(p.mapHref).toBe('/carte?sel=atelier-mobile');
		expect(p.carrier?.href).toBe('/structures/bretz-selle');
	});

	it('finds nothing for unknown, unpublished or other-kind slugs', () => {
		expect(initiativePage(catalogue, 'bretzselle', SITE)).toBeUndefined();
		expect(initiativePage(catalogue, 'inconnu', SITE)).toBeUndefined();
	});
});
