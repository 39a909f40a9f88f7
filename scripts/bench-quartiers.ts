/**
 * npm run bench:quartiers [sizes...]   (default 1000 10000 50000)
 *
 * Time to build a quartier page (Cronenbourg – Hautepierre), a commune page (Schiltigheim) and the
 * /quartiers index with the page builders of src/lib/pages/quartiers.ts, from the catalogue already in
 * memory (as a request finds it between two writes), for an in-memory store holding the seed plus N
 * synthetic organisations and N synthetic initiatives spread over the Eurométropole. Also timed: building
 * that catalogue from the store, which the first request after each write pays. Beside it, in the same run
 * on the same store, the baseline: the same page built by loading every published record from the store
 * and filtering in JavaScript (what the first version did). Prints a table per size; the last line is one
 * JSON object with every figure.
 */
import { migrate, openDatabase, type Db } from '../src/lib/server/db/connection';
import {
	bumpDataVersion,
	insertRecord,
	listCommunes,
	listQpv,
	listQuartiers,
	listRecords
} from '../src/lib/server/db/records';
import { seedIfEmpty } from '../src/lib/server/db/seed';
import { loadDataset } from '../src/lib/server/seed/read-data';
import { loadCatalogue } from '../src/lib/server/catalogue';
import { areaPage, quartiersIndexPage } from '../src/lib/pages/quartiers';
import {
	communeArea,
	groupBySubQuartier,
	inArea,
	keyNumbers,
	nearbyOrganisations,
	quartierArea,
	residentFundingTools,
	type Area
} from '../src/lib/pages/quartier-rules';
import { initiativeSchema, organisationSchema } from '../src/lib/domain/records';
import { initiativeFixture, organisationFixture } from '../src/lib/domain/test-fixtures';

const sizes = process.argv
	.slice(2)
	.map(Number)
	.filter((n) => n > 0);
const SIZES = sizes.length ? sizes : [1000, 10000, 50000];
const ROUNDS = 7;

const { dataset, issues } = loadDataset('data');
if (issues.length) throw new Error(`data/ is invalid (${issues.length} issues): run npm run data:check`);

/** A deterministic spread of synthetic records (marked synthetic) over the quartiers and communes. */
function fill(db: Db, n: number) {
	const quartiers = listQuartiers(db);
	const communes = listCommunes(db);
	db.transaction(() => {
		for (let i = 0; i < n; i++) {
			const q = quartiers[i % quartiers.length];
			const c = communes[i % communes.length];
			const inStrasbourg = i % 3 !== 0;
			const place = inStrasbourg
				? {
						communeCode: q.communeCode,
						quartierCode: q.code,
						location: {
							lon: q.point.lon + ((i % 37) - 18) / 2000,
							lat: q.point.lat + ((i % 29) - 14) / 2000,
							precision: 'address' as const
						}
					}
				: {
						communeCode: c.code,
						location: { lon: c.centroid.lon, lat: c.centroid.lat, precision: 'commune' as const }
					};
			insertRecord(
				db,
				organisationSchema.parse(organisationFixture({ id: `bench-o-${i}`, slug: `bench-o-${i}`, ...place }))
			);
			insertRecord(
				db,
				initiativeSchema.parse(
					initiativeFixture({
						id: `bench-i-${i}`,
						slug: `bench-i-${i}`,
						needs: i % 4 ? [] : ['benevoles'],
						...place
					})
				)
			);
		}
	})();
}

/** The first version: every published record parsed, then filtered in JavaScript. */
function baselinePage(db: Db, slug: string) {
	const q = listQuartiers(db).find((x) => x.slug === slug);
	const c = listCommunes(db).find((x) => x.slug === slug);
	const area: Area = q ? quartierArea(q) : communeArea(c!);
	const here = listRecords(db, 'initiative').filter((i) => inArea(i, area));
	const qpv = listQpv(db).filter((x) =>
		area.kind === 'quartier' ? x.quartierCode === area.code : x.communeCode === area.code
	);
	const organisations = nearbyOrganisations(listRecords(db, 'organisation'), area);
	const fundingTools = residentFundingTools(listRecords(db, 'funding-tool'), {
		communeCode: area.communeCode,
		hasQpv: qpv.length > 0
	});
	return {
		groups: groupBySubQuartier(here, area),
		organisations,
		keyNumbers: keyNumbers({ initiatives: here, organisations, fundingTools, qpv })
	};
}

function baselineIndex(db: Db) {
	const initiatives = listRecords(db, 'initiative');
	return listQuartiers(db).map((q) => initiatives.filter((i) => i.quartierCode === q.code).length);
}

function median(run: () => unknown): number {
	const times: number[] = [];
	for (let r = 0; r < ROUNDS; r++) {
		const start = performance.now();
		run();
		times.push(performance.now() - start);
	}
	times.sort((a, b) => a - b);
	return Math.round(times[Math.floor(times.length / 2)] * 10) / 10;
}

/** Median time to build the catalogue from the store (a new data version each round, so no cache hit). */
function catalogueBuild(db: Db): number {
	return median(() => {
		bumpDataVersion(db);
		return loadCatalogue(db);
	});
}

const results: Record<string, Record<string, { ours: number; baseline?: number }>> = {};
for (const n of SIZES) {
	const db = openDatabase(':memory:');
	migrate(db);
	seedIfEmpty(db, dataset);
	fill(db, n);
	const build = catalogueBuild(db);
	const catalogue = loadCatalogue(db);
	// Same answers from both, or the comparison means nothing.
	const ours = areaPage(catalogue, 'cronenbourg-hautepierre')!;
	const base = baselinePage(db, 'cronenbourg-hautepierre');
	if (
		ours.organisations.length !== base.organisations.length ||
		ours.keyNumbers[0].value !== base.keyNumbers[0].value
	) {
		throw new Error(`results differ at ${n}: the baseline is not the same page`);
	}
	results[n] = {
		quartier: {
			ours: median(() => areaPage(catalogue, 'cronenbourg-hautepierre')),
			baseline: median(() => baselinePage(db, 'cronenbourg-hautepierre'))
		},
		commune: {
			ours: median(() => areaPage(catalogue, 'schiltigheim')),
			baseline: median(() => baselinePage(db, 'schiltigheim'))
		},
		index: { ours: median(() => quartiersIndexPage(catalogue)), baseline: median(() => baselineIndex(db)) },
		catalogueBuild: { ours: build }
	};
	console.log(
		`\n${n} synthetic organisations + ${n} synthetic initiatives (plus the seed), median of ${ROUNDS}:`
	);
	console.log('page                         from catalogue (ms)   baseline: load all + filter (ms)');
	for (const [page, r] of Object.entries(results[n])) {
		const label = page === 'catalogueBuild' ? 'catalogue build, per write' : page;
		console.log(
			`${label.padEnd(28)} ${String(r.ours).padStart(19)}   ${String(r.baseline ?? '').padStart(12)}`
		);
	}
	db.close();
}
console.log(JSON.stringify({ bench: 'quartiers', rounds: ROUNDS, results }));
