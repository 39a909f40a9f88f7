/**
 * The observatory in German and English (lib/i18n/observatory), on the real seed: every figure's words are the reader's, its
 * counts the domain's, French exactly as the domain writes it; the CSV follows the address's language.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FIGURE_IDS, type FigureId } from '$lib/domain/observatory/figures';
import { route } from '$lib/links';
import { observatoryCsv, observatoryPage, type ObservatoryFigure } from '$lib/pages/observatory';
import { overwriteGetLocale } from '$lib/paraglide/runtime';
import { figureLabels, filterSummary, localizeFigure, plotWords, tableCell } from '$lib/i18n/observatory';
import { getCatalogue } from '../catalogue';
import { migrate, openDatabase, type Db } from '../db/connection';
import { seedIfEmpty } from '../db/seed';
import { loadDataset } from '../seed/read-data';
import { localizeObservatoryPage, readersWording } from './page';
import { renderFigureSvg } from './plot';
import { sqliteClient, type SqlClient } from '../db/sql';

const TODAY = '2026-12-04';
let db: Db;
let sql: SqlClient;

beforeAll(async () => {
	db = openDatabase(':memory:');
	sql = sqliteClient(db);
	migrate(db);
	seedIfEmpty(db, loadDataset('data').dataset);
});
afterEach(async () => overwriteGetLocale(() => 'fr'));

async function page(query = '') {
	return localizeObservatoryPage(
		observatoryPage(await getCatalogue(sql), new URL(`https://carto.test/observatoire${query}`), {
			today: TODAY,
			dataDate: TODAY,
			siteUrl: 'https://carto.test'
		})
	);
}
const figureOf = (figures: ObservatoryFigure[], id: FigureId) => figures.find((f) => f.id === id)!;
const FILTERED = '?commune=strasbourg&thematique=innovation-sociale';

describe('the observatory in French', () => {
	it('keeps the domain’s words, and its messages say the same titles, headers and series', async () => {
		for (const query of ['', FILTERED, '?commune=schiltigheim']) {
			for (const f of (await page(query)).figures) {
				expect(localizeFigure(f, {})).toBe(f);
				expect(figureLabels(f)).toEqual({ title: f.title, rowHeader: f.rowHeader, series: f.series });
				expect(plotWords(f)).toBeUndefined();
			}
		}
		expect(filterSummary({ commune: 'Schiltigheim', thematique: { code: 'x', label: 'Emploi' } })).toBe(
			'commune : Schiltigheim, thématique : Emploi'
		);
		expect(tableCell(1234)).toBe('1234');
	});
});

describe('the observatory in German and English', () => {
	it('writes every figure’s words in the reader’s language, counts unchanged', async () => {
		const french = (await page(FILTERED)).figures;
		for (const locale of ['de', 'en'] as const) {
			overwriteGetLocale(() => locale);
			const figures = (await page(FILTERED)).figures;
			expect(figures.map((f) => f.id)).toEqual(french.map((f) => f.id));
			for (const f of figures) {
				const fr = figureOf(french, f.id);
				expect(f.title).not.toBe(fr.title);
				expect(f.reading).not.toBe(fr.reading);
				expect(f.reading).toMatch(/\.$/);
				expect(f.reading).not.toMatch(/undefined|NaN|\{|«/);
				if (fr.note) expect(f.note).not.toBe(fr.note);
				expect(f.rows.map((r) => r.values)).toEqual(fr.rows.map((r) => r.values));
				expect(f.table.rows.map((r) => r.slice(1))).toEqual(fr.table.rows.map((r) => r.slice(1)));
			}
		}
	});

	it('names the filters, the terms and the dates in German, places as they are', async () => {
		overwriteGetLocale(() => 'de');
		const p = await page(FILTERED);
		expect(p.filterSummary).toMatch(/^Gemeinde: Strasbourg, Themenfeld: /);
		const communes = figureOf(p.figures, 'communes');
		expect(communes.title).toBe('ESS-Organisationen und Initiativen nach Gemeinde');
		expect(communes.reading).toMatch(/^Einträge in Strasbourg im Themenfeld „[^“]+“: \d+ \(/);
		expect(communes.rows[0].label).toBe('Strasbourg');
		expect(communes.table.headers).toEqual(['Gemeinde', 'ESS-Organisationen', 'Initiativen', 'Gesamt']);
		const fresh = figureOf(p.figures, 'fraicheur');
		expect(fresh.reading).toContain('seit dem 4. Dezember 2025');
		expect(fresh.rows.map((r) => r.label)).toEqual([
			'ESS-Organisationen',
			'Initiativen',
			'Förderinstrumente'
		]);
		const forms = figureOf((await page()).figures, 'formes-juridiques');
		expect(forms.rows.map((r) => r.label)).not.toContain('Association loi 1901');
		const gaps = figureOf((await page()).figures, 'financements-lacunes');
		const svg = renderFigureSvg(gaps, plotWords(gaps));
		const empty = gaps.rows.flatMap((r) => r.values).filter((v) => v === 0).length;
		expect(svg.match(/0 · Lücke/g)?.length ?? 0).toBe(empty);
		expect(svg).toContain('Die Werte stehen in der Tabelle.');
		const bars = renderFigureSvg(communes, plotWords(communes));
		expect(bars).toContain('Anzahl der Einträge');
		expect(tableCell(1234)).toBe('1.234');
	});

	it('gives shares and counts in English format', async () => {
		overwriteGetLocale(() => 'en');
		const communes = figureOf((await page()).figures, 'communes');
		expect(communes.reading).toMatch(/^Communes with at least one record: \d+; Strasbourg has \d+% of them/);
		const families = figureOf((await page()).figures, 'familles');
		expect(families.reading).toMatch(/^[A-Z][^:]+: \d+% of ESS organisations \(\d+ of \d+\)\.$/);
	});

	it('downloads the CSV from the address in the page’s language, headers and labels translated', async () => {
		overwriteGetLocale(() => 'en');
		const href = route.observatoryCsv('communes', { commune: { slug: 'schiltigheim' } });
		expect(href).toBe('/en/observatoire/communes.csv?commune=schiltigheim');
		const csv = observatoryCsv(
			await getCatalogue(sql),
			'communes',
			new URL(`https://carto.test${href}`),
			TODAY,
			readersWording
		)!;
		expect(csv.text).toMatch(
			/^\uFEFFCommune;ESS organisations;Initiatives;Total\r\nSchiltigheim;\d+;\d+;\d+\r\n$/
		);
		const stages = observatoryCsv(
			await getCatalogue(sql),
			'financements-stades',
			new URL('https://carto.test/x'),
			TODAY,
			readersWording
		)!;
		expect(stages.text.split('\r\n')[0]).toBe(
			'\uFEFFStage;Open (all year or by call for projects);Availability to be checked;Closed or ended;Total'
		);
		overwriteGetLocale(() => 'fr');
		expect(route.observatoryCsv('communes')).toBe('/observatoire/communes.csv');
	});

	it('has a figure id for every title', async () => {
		overwriteGetLocale(() => 'de');
		for (const id of FIGURE_IDS) expect((await page()).figures.some((f) => f.id === id)).toBe(true);
	});
});
