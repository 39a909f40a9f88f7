/**
 * Property tests of import parsing (fast-check): whatever the file, reading and planning give rows or errors,
 * never an exception; what we export reads back identically.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { organisationSchema, type PublicRecord } from '$lib/domain/records';
import { organisationFixture } from '$lib/domain/test-fixtures';
import { decodeText, parseCsv, writeCsv } from './csv';
import { recordsToCsv } from './export';
import { FIELDS } from '$lib/domain/fields';
import { parseGeoJson } from './geojson-table';
import { suggestMapping } from './mapping';
import { planImport, type PlanContext } from './plan';
import type { Table } from './table';

const base = organisationSchema.parse(organisationFixture());
const ctx: PlanContext = {
	existing: [{ record: base, version: 1 }],
	refs: {
		communes: new Map([['67482', { name: 'Strasbourg' }]]),
		quartiers: new Map(),
		qpv: new Set(),
		thematiques: new Set(['t'])
	},
	now: new Date('2026-11-29T12:00:00Z')
};

const STATUSES = new Set(['new', 'update', 'unchanged', 'error']);
function checkPlanShape(table: Table, plan: ReturnType<typeof planImport>) {
	expect(plan.rows).toHaveLength(table.rows.length);
	for (const row of plan.rows) {
		expect(STATUSES.has(row.status)).toBe(true);
		expect(row.status === 'error').toBe(row.errors.length > 0);
		if (row.status === 'new' || row.status === 'update') expect(row.record).toBeDefined();
	}
	const total = Object.values(plan.counts).reduce((a, b) => a + b, 0);
	expect(total).toBe(table.rows.length);
}

const orgPaths = FIELDS.organisation.map((f) => f.path);
/** Cells that look like real values as well as noise, so planning goes past the first checks. */
const cellArb = fc.oneof(
	fc.string(),
	fc.constantFrom(
		'',
		'oui',
		'non',
		'67482',
		'acteur|financeur',
		'association',
		'2026-01-01',
		'low',
		'published'
	),
	fc.constantFrom(
		'https://exemple.fr',
		'[{"url":"https://a.fr","seen":"2026-01-01"}]',
		'[1,',
		'7,75',
		'48.58'
	),
	fc.constantFrom('test-org', '12345678900011', 'Structure de test (synthétique)', '"', ';', '\n', '=1+1')
);
const headerArb = fc.oneof(fc.constantFrom(...orgPaths), fc.string({ maxLength: 12 }));

describe('import parsing never throws', () => {
	it('any bytes: decoded and read as CSV, a table or a message', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
				const { text } = decodeText(bytes);
				const out = parseCsv(text);
				if (out.ok)
					for (const row of out.table.rows)
						expect(row.cells.length).toBeGreaterThanOrEqual(out.table.headers.length);
				else expect(out.message.length).toBeGreaterThan(0);
			}),
			{ numRuns: 300 }
		);
	});

	it('any text: read as GeoJSON, a table or a message', () => {
		const featureArb = fc.record({
			type: fc.constantFrom('Feature', 'X'),
			id: fc.oneof(fc.string(), fc.integer()),
			geometry: fc.oneof(
				fc.constant(null),
				fc.record({
					type: fc.constantFrom('Point', 'Line'),
					coordinates: fc.array(fc.double(), { maxLength: 3 })
				})
			),
			properties: fc.oneof(
				fc.constant(null),
				fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }))
			)
		});
		const docArb = fc.oneof(
			fc.string(),
			fc.jsonValue().map((v) => JSON.stringify(v)),
			fc
				.array(featureArb, { maxLength: 5 })
				.map((features) => JSON.stringify({ type: 'FeatureCollection', features }))
		);
		fc.assert(
			fc.property(docArb, (text) => {
				const out = parseGeoJson(text);
				if (out.ok) {
					const plan = planImport(
						'organisation',
						out.table,
						suggestMapping('organisation', out.table.headers),
						ctx
					);
					checkPlanShape(out.table, plan);
				}
			}),
			{ numRuns: 300 }
		);
	});

	it('any CSV with any mapping: every row is new, update, unchanged or error with reasons', () => {
		const arb = fc
			.uniqueArray(headerArb, { minLength: 2, maxLength: 8, selector: (h) => h.trim() })
			.filter((hs) => hs.every((h) => h.trim() !== ''))
			.chain((headers) =>
				fc.tuple(
					fc.constant(headers),
					fc.array(fc.array(cellArb, { minLength: headers.length, maxLength: headers.length }), {
						maxLength: 8
					}),
					fc.boolean()
				)
			);
		fc.assert(
			fc.property(arb, ([headers, rows, excel]) => {
				const text = writeCsv(headers, rows, { excel });
				const out = parseCsv(decodeText(new TextEncoder().encode(text)).text);
				if (!out.ok) return;
				const plan = planImport(
					'organisation',
					out.table,
					suggestMapping('organisation', out.table.headers),
					ctx
				);
				checkPlanShape(out.table, plan);
			}),
			{ numRuns: 300 }
		);
	});

	it('written cells read back identically (quotes, separators, line breaks, accents)', () => {
		// Rows of blanks only are skipped on reading, as spreadsheets leave them around.
		const rowArb = fc
			.array(fc.string(), { minLength: 3, maxLength: 3 })
			.filter((r) => r.some((c) => c.trim() !== ''));
		fc.assert(
			fc.property(fc.array(rowArb, { minLength: 1, maxLength: 6 }), fc.boolean(), (rows, excel) => {
				const out = parseCsv(writeCsv(['a', 'b', 'c'], rows, { excel }));
				if (!out.ok) throw new Error(out.message);
				expect(out.table.rows.map((r) => r.cells)).toEqual(rows);
			}),
			{ numRuns: 300 }
		);
	});

	it('any valid organisation exported to CSV and imported again is unchanged', () => {
		const textArb = fc.string({ minLength: 1, maxLength: 60 });
		fc.assert(
			fc.property(
				textArb,
				textArb,
				fc.array(fc.string({ minLength: 1, maxLength: 20 }), { maxLength: 4 }),
				fc.array(textArb, { maxLength: 3 }),
				fc.option(fc.integer({ min: 1800, max: 2100 }), { nil: undefined }),
				(name, description, tags, caveats, foundedYear) => {
					const parsed = organisationSchema.safeParse({
						...base,
						name,
						description,
						tags,
						caveats,
						foundedYear
					});
					fc.pre(parsed.success);
					const record = parsed.data as PublicRecord;
					const out = parseCsv(recordsToCsv('organisation', [record]));
					if (!out.ok) throw new Error(out.message);
					const plan = planImport(
						'organisation',
						out.table,
						suggestMapping('organisation', out.table.headers),
						{
							...ctx,
							existing: [{ record, version: 1 }]
						}
					);
					expect(plan.rows.map((r) => [r.status, r.errors])).toEqual([['unchanged', []]]);
				}
			),
			{ numRuns: 200 }
		);
		// Every run maps and plans a row of every organisation column (about 150 with the suppliers' proofs).
	}, 60_000);
});
