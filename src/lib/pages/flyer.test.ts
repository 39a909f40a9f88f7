import { describe, expect, it } from 'vitest';
import { initiativeSchema, type PublicRecord } from '$lib/domain/records';
import { testCatalogue } from '$lib/domain/test-catalogue';
import { initiativeFixture } from '$lib/domain/test-fixtures';
import { loadDataset } from '$lib/server/seed/read-data';
import { A5_MAX, flyerFormat, flyerPage, shorten } from './flyer';

const SITE = 'https://carto.test';

function catalogue(count: number) {
	const { dataset } = loadDataset('data');
	const records: PublicRecord[] = [];
	for (let k = 0; k < count; k++)
		records.push(
			initiativeSchema.parse(
				initiativeFixture({
					id: `tract-${k}`,
					slug: `tract-${k}`,
					name: `Initiative ${String(k).padStart(2, '0')}`,
					quartierCode: 'SQ_06',
					description:
						'Un jardin partagé où chacun vient semer, arroser et récolter, ' +
						'avec des ateliers '.repeat(10),
					schedule: 'Le samedi de 10 h à 12 h',
					howToJoin: 'Passer au jardin',
					needs: ['benevoles'],
					lastVerified: `2026-11-${String(10 + k).padStart(2, '0')}`
				})
			)
		);
	return testCatalogue(records, {
		communes: dataset.communes,
		quartiers: dataset.quartiers,
		qpv: dataset.qpv,
		thematiques: dataset.thematiques
	});
}

describe('flyerPage', () => {
	it('prints every initiative of the quartier on A4, with what, when, how to join and needs', () => {
		const c = catalogue(8);
		const p = flyerPage(c, 'cronenbourg-hautepierre', SITE, 'a4')!;
		expect(p.area.name).toBeTruthy();
		expect(p.initiatives).toHaveLength(8);
		expect(p.more).toBe(0);
		const first = p.initiatives[0];
		expect(first.schedule).toBe('Le samedi de 10 h à 12 h');
		expect(first.howToJoin).toBe('Passer au jardin');
		expect(first.needs).toEqual(['Bénévoles']);
		expect(p.areaUrl).toBe(`${SITE}/quartiers/cronenbourg-hautepierre`);
		// The most recent verification of what is printed.
		expect(p.dataDate).toBe('2026-11-17');
		expect(p.licence.name).toMatch(/Licence Ouverte/);
	});

	it('keeps an A5 half-sheet short: at most A5_MAX initiatives, short descriptions, the rest counted', () => {
		const p = flyerPage(catalogue(8), 'cronenbourg-hautepierre', SITE, 'a5')!;
		expect(p.initiatives).toHaveLength(A5_MAX);
		expect(p.more).toBe(8 - A5_MAX);
		for (const i of p.initiatives) expect(i.description.length).toBeLessThanOrEqual(121);
		expect(p.a4Href).toBe('/quartiers/cronenbourg-hautepierre/tract');
		expect(p.a5Href).toBe('/quartiers/cronenbourg-hautepierre/tract?format=a5');
	});

	it('answers undefined for an unknown area; reads the format leniently', () => {
		expect(flyerPage(catalogue(0), 'nulle-part', SITE, 'a4')).toBeUndefined();
		expect(flyerFormat('a5')).toBe('a5');
		expect(flyerFormat('A3')).toBe('a4');
		expect(flyerFormat(null)).toBe('a4');
	});
});

describe('shorten', () => {
	it('cuts at a word and adds an ellipsis only when cut', () => {
		expect(shorten('court', 10)).toBe('court');
		expect(shorten('un deux trois quatre', 12)).toBe('un deux…');
	});
});
