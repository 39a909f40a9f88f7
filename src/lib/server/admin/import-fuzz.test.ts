/**
 * Property tests of the workspace's import from the upload on (fast-check): whatever the file (bytes, CSV,
 * GeoJSON, Excel, a broken workbook) and whatever the column mapping, reading and planning never throw; a
 * refused file is a French message, a refused row names its line and its column or field; and a plan with a
 * refused row writes nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIELDS } from '$lib/domain/fields';
import { organisationSchema } from '$lib/domain/records';
import { organisationFixture } from '$lib/domain/test-fixtures';
import { writeCsv } from '$lib/io/csv';
import { describeRowError, errorLabel } from '$lib/io/import-messages';
import { checkMapping, suggestMapping } from '$lib/io/mapping';
import { planImport } from '$lib/io/plan';
import { workbookOf } from '$lib/io/test-workbook';

import { countRecords, dataVersion } from '../db/records';
import { applyPlan, ImportFailure, planContext, readUpload } from './import-core';
import { testStore } from './test-store';
import { sqliteClient } from '../db/sql';

/** A cell as the workbook writer takes it (exceljs stays in lib/io). */
type CellValue = Parameters<typeof workbookOf>[0][number][number];

const db = testStore([
	organisationSchema.parse(
		organisationFixture({
			id: 'existante',
			slug: 'existante',
			name: 'Structure existante',
			siret: '12345678900011'
		})
	)
]);
const sql = sqliteClient(db);
const ctx = await planContext(sql);
const actor = { id: 'u-fuzz', name: 'Fuzz' };

/** What a JavaScript failure leaks into a message; a French refusal never says these. */
const NOT_FRENCH =
	/TypeError|RangeError|SyntaxError|undefined|\bnull\b|NaN|Cannot |is not |Unexpected|\[object /;
function expectFrenchRefusal(message: string) {
	expect(message.trim().length).toBeGreaterThan(0);
	// What the message quotes « like this » is the file's own content (a GeoJSON property `[null]` is shown
	// as written); only our words around it must be French.
	expect(message.replace(/«[^»]*»/g, '« … »')).not.toMatch(NOT_FRENCH);
}

const paths = FIELDS.organisation.map((f) => f.path);
const cell = fc.oneof(
	fc.string({ maxLength: 30 }),
	fc.constantFrom(
		'',
		'oui',
		'non',
		'Strasbourg',
		'Strasbourgg',
		'67482',
		'association',
		'2026-11-02',
		'02/11/2026',
		'31/02/2026',
		'12345678900011',
		'1234',
		'https://exemple.fr',
		'javascript:alert(1)',
		'=1+1',
		'@SUM(A1)',
		'7,75',
		'48.58',
		'"',
		';',
		'\n',
		'{"a":',
		'Structure existante',
		'__proto__',
		'constructor',
		'<img src=x onerror=alert(1)>',
		'a'.repeat(25_000)
	)
);
const header = fc.oneof(
	fc.constantFrom(
		...paths,
		'Nom',
		'Nom de la structure',
		'Ville',
		'Commune',
		'Site web',
		'SIRET',
		'ESS ?',
		'Mis à jour le',
		'id',
		'__proto__',
		''
	),
	fc.string({ maxLength: 12 })
);
const tableArb = fc
	.array(header, { minLength: 1, maxLength: 7 })
	.chain((headers) =>
		fc.tuple(
			fc.constant(headers),
			fc.array(fc.array(cell, { minLength: 0, maxLength: headers.length + 1 }), { maxLength: 6 })
		)
	);

/** Reads, plans with the suggested mapping and checks every outcome; returns the plan when there is one. */
async function readAndPlan(fileName: string, bytes: Uint8Array) {
	const read = await readUpload(fileName, bytes);
	if (!read.ok) {
		expectFrenchRefusal(read.message);
		return undefined;
	}
	const { table } = read.upload;
	const plan = planImport('organisation', table, suggestMapping('organisation', table.headers), ctx);
	expect(plan.rows).toHaveLength(table.rows.length);
	for (const row of plan.rows) {
		expect(row.status === 'error').toBe(row.errors.length > 0);
		for (const e of row.errors) {
			const text = describeRowError('organisation', row.line, e);
			expect(text).toMatch(new RegExp(`^ligne ${row.line} — `));
			expectFrenchRefusal(e.message);
			// A column as the file names it, or a field by its French label; only whole-row problems name neither.
			if (!e.column && e.field !== '(ligne)' && e.field !== '(fiche)')
				expect(errorLabel('organisation', e), text).toBeTruthy();
		}
	}
	return plan;
}

/** A plan with a refused row is refused whole: nothing written, not even the good rows. */
async function expectNothingWrittenOnRefusal(plan: ReturnType<typeof planImport>) {
	if (plan.counts.error === 0) return;
	const before = { version: dataVersion(db), counts: countRecords(db) };
	await expect(applyPlan(sql, plan, actor, { note: 'fuzz' })).rejects.toThrow(ImportFailure);
	expect({ version: dataVersion(db), counts: countRecords(db) }).toEqual(before);
}

describe('the workspace import under fuzzing', () => {
	it('any bytes under any name: a table or a French message, never an exception', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.uint8Array({ maxLength: 1500 }),
				fc.constantFrom('f.csv', 'f.geojson', 'f.xlsx', 'f.ods', 'f.txt', 'fichier'),
				async (bytes, name) => {
					await readAndPlan(name, bytes);
				}
			),
			{ numRuns: 200 }
		);
	});

	it('any CSV: every refused row names its line and its column or field, and refuses the whole file', async () => {
		await fc.assert(
			fc.asyncProperty(tableArb, fc.boolean(), async ([headers, rows], excel) => {
				const text = writeCsv(headers, rows, { excel });
				const plan = await readAndPlan('f.csv', new TextEncoder().encode(text));
				if (plan) await expectNothingWrittenOnRefusal(plan);
			}),
			{ numRuns: 150 }
		);
	});

	it('any GeoJSON feature collection, flat or nested, deep or not', async () => {
		const props = fc.dictionary(header, fc.oneof(cell, fc.jsonValue({ maxDepth: 4 })), { maxKeys: 6 });
		const feature = fc.record({
			type: fc.constantFrom('Feature', 'Feature', 'Point'),
			properties: fc.oneof(props, fc.constant(null), fc.constant([1])),
			geometry: fc.oneof(
				fc.constant(null),
				fc.record({
					type: fc.constantFrom('Point', 'Polygon'),
					coordinates: fc.oneof(fc.tuple(fc.double(), fc.double()), fc.jsonValue({ maxDepth: 3 }))
				})
			)
		});
		await fc.assert(
			fc.asyncProperty(
				fc.array(feature, { maxLength: 6 }),
				fc.nat({ max: 3000 }),
				async (features, depth) => {
					const doc = { type: 'FeatureCollection', features };
					let text = JSON.stringify(doc);
					if (depth > 100 && features.length)
						text = text.replace(
							'"type":"Feature"',
							`"deep":${'['.repeat(depth)}${']'.repeat(depth)},"type":"Feature"`
						);
					const plan = await readAndPlan('f.geojson', new TextEncoder().encode(text));
					if (plan) await expectNothingWrittenOnRefusal(plan);
				}
			),
			{ numRuns: 150 }
		);
	});

	it('any Excel workbook, and the same workbook cut short or with bytes changed', async () => {
		const value: fc.Arbitrary<CellValue> = fc.oneof(
			cell,
			fc.double({ noNaN: true }),
			fc.integer(),
			fc.boolean(),
			fc.date({ min: new Date('1900-03-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
			fc.constant({ formula: '1+1', result: 2 } as CellValue),
			fc.constant({
				richText: [{ text: 'Nom ' }, { text: 'gras', font: { bold: true } }]
			} as CellValue),
			fc.constant(null)
		);
		const book = fc.tuple(
			fc.array(header, { minLength: 1, maxLength: 6 }),
			fc.array(fc.array(value, { maxLength: 7 }), { maxLength: 5 }),
			fc.option(fc.string({ maxLength: 20 }), { nil: undefined })
		);
		await fc.assert(
			fc.asyncProperty(
				book,
				fc.nat(),
				fc.nat({ max: 255 }),
				fc.constantFrom('asis', 'cut', 'flip'),
				async ([headers, rows, title], at, byte, damage) => {
					let bytes = await workbookOf([headers, ...rows], { title });
					if (damage === 'cut') bytes = bytes.subarray(0, at % bytes.length);
					else if (damage === 'flip') {
						bytes = bytes.slice();
						bytes[at % bytes.length] = byte;
					}
					const plan = await readAndPlan('f.xlsx', bytes);
					if (plan) await expectNothingWrittenOnRefusal(plan);
				}
			),
			{ numRuns: 40 }
		);
	}, 60_000);

	it('any column mapping: accepted or refused in French, never an exception', () => {
		fc.assert(
			fc.property(
				fc.array(header, { maxLength: 6 }),
				fc.oneof(
					fc.array(fc.oneof(fc.constantFrom(...paths, ''), fc.string()), { maxLength: 7 }),
					fc.anything()
				),
				(headers, mapping) => {
					const r = checkMapping('organisation', headers, mapping);
					if (!r.ok) expectFrenchRefusal(r.message);
				}
			),
			{ numRuns: 300 }
		);
	});
});
