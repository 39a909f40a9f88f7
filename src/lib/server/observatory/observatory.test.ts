/**
 * The observatory's figures on the real seed, checked against counts made another way: SQL over the store's
 * tables (json_extract, json_each), not the catalogue nor the figures' code. Then the plots: SVG without
 * inline <style>, one labelled image, one bar per row and series.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { FigureId } from '$lib/domain/observatory/figures';
import { LEGAL_FORMS } from '$lib/domain/taxonomies';
import { observatoryCsv, observatoryPage, type ObservatoryFigure } from '$lib/pages/observatory';
import { getCatalogue } from '../catalogue';
import { migrate, openDatabase, type Db } from '../db/connection';
import { seedIfEmpty } from '../db/seed';
import { loadDataset } from '../seed/read-data';
import { renderFigureSvg } from './plot';
import { sqliteClient, type SqlClient } from '../db/sql';

const TODAY = '2026-12-04';
let db: Db;
let client: SqlClient;

beforeAll(async () => {
	db = openDatabase(':memory:');
	client = sqliteClient(db);
	migrate(db);
	seedIfEmpty(db, loadDataset('data').dataset);
});

async function page(query = '') {
	return observatoryPage(await getCatalogue(client), new URL(`https://carto.test/observatoire${query}`), {
		today: TODAY,
		dataDate: TODAY,
		siteUrl: 'https://carto.test'
	});
}
const figureOf = (figures: ObservatoryFigure[], id: FigureId) => figures.find((f) => f.id === id)!;
/** A figure's rows as { code: values }, without the zero rows (SQL's GROUP BY has none). */
function nonZero(f: ObservatoryFigure) {
	return Object.fromEntries(f.rows.filter((r) => r.values.some((v) => v > 0)).map((r) => [r.code, r.values]));
}
type Row = Record<string, string | number>;
const sql = (q: string, ...params: unknown[]) => db.prepare(q).all(...params) as Row[];

const ESS_PLACE = `status = 'published' AND (kind = 'initiative' OR (kind = 'organisation' AND json_extract(data, '$.isEss') = 1))`;

describe('observatory figures against the store', () => {
	it('has a seed to count', async () => {
		expect((await getCatalogue(client)).records.length).toBeGreaterThan(100);
	});

	it('by commune and by quartier', async () => {
		const figures = (await page()).figures;
		for (const [id, column] of [
			['communes', 'commune_code'],
			['quartiers', 'quartier_code']
		] as const) {
			const expected = Object.fromEntries(
				sql(
					`SELECT ${column} AS code, sum(kind = 'organisation') AS o, sum(kind = 'initiative') AS i
					 FROM records WHERE ${ESS_PLACE} AND ${column} IS NOT NULL GROUP BY ${column}`
				).map((r) => [r.code, [r.o, r.i]])
			);
			expect(nonZero(figureOf(figures, id))).toEqual(expected);
		}
	});

	it('by ESS family and legal form', async () => {
		const figures = (await page()).figures;
		const forms = sql(
			`SELECT json_extract(data, '$.legalForm') AS form, count(*) AS n FROM records
			 WHERE status = 'published' AND kind = 'organisation' AND json_extract(data, '$.isEss') = 1 GROUP BY form`
		);
		expect(nonZero(figureOf(figures, 'formes-juridiques'))).toEqual(
			Object.fromEntries(forms.map((r) => [r.form, [r.n]]))
		);
		const families: Record<string, number[]> = {};
		for (const r of forms) {
			const family = LEGAL_FORMS.find((f) => f.code === r.form)!.family;
			families[family] = [(families[family]?.[0] ?? 0) + Number(r.n)];
		}
		expect(nonZero(figureOf(figures, 'familles'))).toEqual(families);
	});

	it('by thématique, for the three kinds', async () => {
		const rows = sql(
			`SELECT t.value AS code, sum(r.kind = 'organisation') AS o, sum(r.kind = 'initiative') AS i,
			   sum(r.kind = 'funding-tool') AS f
			 FROM records r, json_each(r.data, '$.thematiques') t
			 WHERE r.status = 'published' AND (r.kind != 'organisation' OR json_extract(r.data, '$.isEss') = 1)
			 GROUP BY t.value`
		);
		expect(nonZero(figureOf((await page()).figures, 'thematiques'))).toEqual(
			Object.fromEntries(rows.map((r) => [r.code, [r.o, r.i, r.f]]))
		);
	});

	it('initiatives and structures per QPV', async () => {
		const rows = sql(
			`SELECT json_extract(data, '$.qpv') AS code, sum(kind = 'initiative') AS i, sum(kind = 'organisation') AS o
			 FROM records WHERE ${ESS_PLACE} AND json_extract(data, '$.qpv') IS NOT NULL GROUP BY code`
		);
		expect(nonZero(figureOf((await page()).figures, 'qpv'))).toEqual(
			Object.fromEntries(rows.map((r) => [r.code, [r.i, r.o]]))
		);
	});

	it('funding tools by stage, type and public, split by availability', async () => {
		const figures = (await page()).figures;
		for (const [id, path] of [
			['financements-stades', '$.stages'],
			['financements-types', '$.types'],
			['financements-publics', '$.eligibility.audiences']
		] as const) {
			const rows = sql(
				`SELECT v.value AS code,
				   sum(json_extract(r.data, '$.availability') IN ('ouvert', 'appel-a-projets')) AS open,
				   sum(json_extract(r.data, '$.availability') = 'incertain') AS tocheck,
				   sum(json_extract(r.data, '$.availability') = 'ferme') AS closed
				 FROM records r, json_each(r.data, ?) v
				 WHERE r.status = 'published' AND r.kind = 'funding-tool' GROUP BY v.value`,
				path
			);
			expect(nonZero(figureOf(figures, id))).toEqual(
				Object.fromEntries(rows.map((r) => [r.code, [r.open, r.tocheck, r.closed]]))
			);
		}
	});

	it('gaps: tools not closed per stage and public', async () => {
		const rows = sql(
			`SELECT s.value AS stage, a.value AS audience, count(*) AS n
			 FROM records r, json_each(r.data, '$.stages') s, json_each(r.data, '$.eligibility.audiences') a
			 WHERE r.status = 'published' AND r.kind = 'funding-tool' AND json_extract(r.data, '$.availability') != 'ferme'
			 GROUP BY s.value, a.value`
		);
		const f = figureOf((await page()).figures, 'financements-lacunes');
		for (const row of f.rows)
			f.series.forEach((s, i) =>
				expect(row.values[i], `${row.code} × ${s.key}`).toBe(
					Number(rows.find((r) => r.stage === row.code && r.audience === s.key)?.n ?? 0)
				)
			);
	});

	it('freshness: verified in the last twelve months', async () => {
		const rows = sql(
			`SELECT kind, sum(last_verified >= date(?, '-12 months')) AS fresh, count(*) AS n FROM records
			 WHERE status = 'published' AND (kind != 'organisation' OR json_extract(data, '$.isEss') = 1) GROUP BY kind`,
			TODAY
		);
		const byKind = Object.fromEntries(rows.map((r) => [r.kind, [r.fresh, Number(r.n) - Number(r.fresh)]]));
		expect(nonZero(figureOf((await page()).figures, 'fraicheur'))).toEqual({
			structures: byKind.organisation,
			initiatives: byKind.initiative,
			outils: byKind['funding-tool']
		});
	});

	it('with filters: a commune and a thématique, as SQL counts them', async () => {
		const [theme] = sql(
			`SELECT t.value AS code FROM records r, json_each(r.data, '$.thematiques') t
			 WHERE r.status = 'published' AND r.kind = 'initiative' GROUP BY t.value ORDER BY count(*) DESC LIMIT 1`
		);
		const f = figureOf((await page(`?commune=strasbourg&thematique=${theme.code}`)).figures, 'quartiers');
		const rows = sql(
			`SELECT quartier_code AS code, sum(kind = 'organisation') AS o, sum(kind = 'initiative') AS i
			 FROM records WHERE ${ESS_PLACE} AND commune_code = '67482' AND quartier_code IS NOT NULL
			   AND EXISTS (SELECT 1 FROM json_each(records.data, '$.thematiques') t WHERE t.value = ?)
			 GROUP BY quartier_code`,
			theme.code
		);
		expect(nonZero(f)).toEqual(Object.fromEntries(rows.map((r) => [r.code, [r.o, r.i]])));
	});
});

describe('the page and its files', () => {
	it('links each figure’s CSV with the filters, and writes it for spreadsheets', async () => {
		const p = await page('?commune=schiltigheim');
		expect(p.filters).toEqual({ commune: 'schiltigheim', thematique: '' });
		expect(figureOf(p.figures, 'communes').csv).toBe('/observatoire/communes.csv?commune=schiltigheim');
		const csv = observatoryCsv(
			await getCatalogue(client),
			'communes',
			new URL('https://carto.test/observatoire/communes.csv?commune=schiltigheim'),
			TODAY
		)!;
		expect(csv.filename).toBe('observatoire-communes-schiltigheim.csv');
		const [o, i] = figureOf(p.figures, 'communes').rows[0].values;
		expect(csv.text).toBe(
			`\uFEFFCommune;Structures de l’ESS;Initiatives;Total\r\nSchiltigheim;${o};${i};${o + i}\r\n`
		);
		// No quartiers outside Strasbourg: no file either.
		expect(
			observatoryCsv(
				await getCatalogue(client),
				'quartiers',
				new URL('https://carto.test/x?commune=schiltigheim'),
				TODAY
			)
		).toBeUndefined();
	});
});

describe('renderFigureSvg', () => {
	it('draws one labelled image, one bar per row and series, without an inline stylesheet', async () => {
		const f = figureOf((await page()).figures, 'communes');
		const svg = renderFigureSvg(f);
		expect(svg).toMatch(/^<svg /);
		expect(svg).not.toContain('<style');
		expect(svg).toContain('role="img"');
		expect(svg).toContain(`aria-label="${f.title}.`);
		expect(svg.match(/<rect /g)).toHaveLength(f.rows.length * f.series.length);
		for (const row of f.rows) expect(svg).toContain(`>${row.label}</text>`);
		// Only the root says anything to assistive technologies.
		expect(svg.match(/aria-/g)).toHaveLength(1);
	});

	it('draws the gaps as cells, an empty one marked', async () => {
		const f = figureOf((await page()).figures, 'financements-lacunes');
		const svg = renderFigureSvg(f);
		expect(svg.match(/<rect /g)).toHaveLength(f.rows.length * f.series.length);
		const empty = f.rows.flatMap((r) => r.values).filter((v) => v === 0).length;
		expect(svg.match(/0 · lacune/g)?.length ?? 0).toBe(empty);
	});
});
