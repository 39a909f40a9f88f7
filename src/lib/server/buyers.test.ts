import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue } from '$lib/domain/catalogue';
import { exportHeaders, exportWording, supplierWhere } from '$lib/i18n/buyers';
import { EXPORT_HEADERS, acheterPage, exportRows } from '$lib/pages/acheter';
import { overwriteGetLocale } from '$lib/paraglide/runtime';
import { seedCatalogue } from '$lib/server/seed/read-data';
import { sourcingExport } from './buyers';

let catalogue: Catalogue;
const SITE = 'https://carto.test';
const page = (qs: string) => acheterPage(catalogue, new URL(`${SITE}/acheter?${qs}`));
const inLocale = (locale: 'fr' | 'de' | 'en') => overwriteGetLocale(() => locale);

beforeAll(() => {
	catalogue = seedCatalogue();
});
afterEach(() => inLocale('fr'));

const SEARCHES = [
	'activite=environnement-reemploi&lieu=strasbourg&rayon=20&base=L2113-13',
	'activite=environnement-reemploi&lieu=strasbourg&rayon=20&base=L2113-15&choix=humanis&choix=envie-strasbourg',
	'lieu=neuhof&rayon=5&base=clause',
	'base=libre&taille=01'
];

describe('the shortlist’s files in the page’s language', () => {
	it('keeps the French files as they were: headers, cells, where a supplier is', () => {
		expect(exportHeaders()).toEqual(EXPORT_HEADERS);
		for (const qs of SEARCHES) {
			const p = page(qs);
			expect(exportRows(p, SITE, exportWording())).toEqual(exportRows(p, SITE));
			for (const s of p.matches)
				expect(
					supplierWhere(s)
						.map((w) => w.lead + (w.label ?? '') + w.text)
						.join('')
				).toBe(s.where);
		}
	});

	it('writes the headers and the site’s cells in German and English, the records’ content as written', () => {
		const p = page(SEARCHES[0]);
		const french = exportRows(p, SITE);
		inLocale('de');
		expect(exportHeaders()[0]).toBe('Name');
		expect(exportHeaders()[10]).toBe('Nach dieser Grundlage zugelassen');
		const rows = exportRows(p, SITE, exportWording());
		expect(rows.map((r) => r[0])).toEqual(french.map((r) => r[0]));
		expect(rows[0][2]).toBe(french[0][2]);
		expect(rows[0][6]).toBe('Umwelt, Energie und Wiederverwendung');
		expect(rows[0][10]).toMatch(/^ja: Struktur der Eingliederung/);
		inLocale('en');
		expect(exportRows(p, SITE, exportWording())[0][10]).toMatch(/^yes: Work integration organisation/);
		const where = supplierWhere(p.matches.find((s) => s.approximate) ?? p.matches[0]);
		expect(where[0]).toMatchObject({ lead: '', content: true });
		expect(where.map((w) => w.text).join(' ')).not.toMatch(/environ/);
	});

	it('answers a German CSV and xlsx', async () => {
		inLocale('de');
		const url = new URL(`${SITE}/de/acheter/export.csv?${SEARCHES[0]}`);
		const csv = await (await sourcingExport(catalogue, url, 'csv', SITE)).text();
		expect(csv.replace(/^\ufeff/, '').split('\r\n')[0]).toMatch(
			/^Name;SIRET;Adresse;Gemeinde;Entfernung \(km\);/
		);
		const xlsx = await sourcingExport(
			catalogue,
			new URL(`${SITE}/de/acheter/export.xlsx?${SEARCHES[0]}`),
			'xlsx',
			SITE
		);
		expect(xlsx.headers.get('content-type')).toMatch(/spreadsheetml/);
	});
});
