import { describe, expect, it } from 'vitest';
import { testCatalogue } from '$lib/domain/test-catalogue';
import { eventSchema, type EventInput } from '$lib/domain/records';
import { eventFixture } from '$lib/domain/test-fixtures';
import { sitemapXml } from './sitemap';
import { communes, directoryCatalogue, directoryRecords, quartiers, SITE, thematiques } from './test-data';

const TODAY = '2027-01-28';

const event = (id: string, dates: Partial<EventInput>, status: 'published' | 'draft' = 'published') =>
	eventSchema.parse(eventFixture({ id, slug: id, name: `Événement ${id}`, status, ...dates }));

describe('sitemap', () => {
	it('lists the main pages, the quartiers and every published record with its date', () => {
		const xml = sitemapXml(directoryCatalogue(), SITE, TODAY);
		expect(xml).toContain(`<loc>${SITE}/annuaire</loc>`);
		expect(xml).toContain(`<loc>${SITE}/agenda</loc>`);
		expect(xml).toContain(`<loc>${SITE}/quartiers/meinau</loc>`);
		expect(xml).toContain(`<url><loc>${SITE}/structures/scop-velo</loc><lastmod>2026-05-01</lastmod></url>`);
		expect(xml).toContain(`${SITE}/initiatives/atelier-mobile`);
		expect(xml).toContain(`${SITE}/financements/pret-honneur`);
		expect(xml).not.toContain('brouillon');
	});

	it('lists the events to come, under way and of the last year; older ones stay in the agenda', () => {
		const c = testCatalogue(
			[
				...directoryRecords,
				event('a-venir', { startDate: '2027-06-12' }),
				event('en-cours', {
					startDate: '2027-01-26',
					recurrence: 'hebdomadaire',
					recurrenceUntil: '2027-03-30'
				}),
				event('l-an-dernier', { startDate: '2026-02-01' }),
				event('il-y-a-longtemps', { startDate: '2014-11-01' }),
				// A repetition that ended last spring, though it started long ago.
				event('mois-de-l-ess', {
					startDate: '2016-11-01',
					recurrence: 'annuelle',
					recurrenceUntil: '2026-11-01'
				}),
				event('pas-publie', { startDate: '2027-06-12' }, 'draft')
			],
			{ communes, quartiers, thematiques }
		);
		const xml = sitemapXml(c, SITE, TODAY);
		expect(xml).toContain(`<url><loc>${SITE}/agenda/a-venir</loc><lastmod>2027-01-10</lastmod></url>`);
		expect(xml).toContain(`${SITE}/agenda/en-cours</loc>`);
		expect(xml).toContain(`${SITE}/agenda/l-an-dernier</loc>`);
		expect(xml).toContain(`${SITE}/agenda/mois-de-l-ess</loc>`);
		expect(xml).not.toContain('il-y-a-longtemps');
		expect(xml).not.toContain('pas-publie');
	});
});
