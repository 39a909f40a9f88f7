import { describe, expect, it } from 'vitest';
import { sitemapXml } from './sitemap';
import { directoryCatalogue, SITE } from './test-data';

describe('sitemap', () => {
	it('lists the main pages, the quartiers and every published record with its date', () => {
		const xml = sitemapXml(directoryCatalogue(), SITE);
		expect(xml).toContain(`<loc>${SITE}/annuaire</loc>`);
		expect(xml).toContain(`<loc>${SITE}/quartiers/meinau</loc>`);
		expect(xml).toContain(`<url><loc>${SITE}/structures/scop-velo</loc><lastmod>2026-05-01</lastmod></url>`);
		expect(xml).toContain(`${SITE}/initiatives/atelier-mobile`);
		expect(xml).toContain(`${SITE}/financements/pret-honneur`);
		expect(xml).not.toContain('brouillon');
	});
});
