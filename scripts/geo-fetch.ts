/**
 * npm run geo:fetch [-- --only commune|quartier|qpv] [--out dir] [--dry-run]
 *
 * Downloads the official outlines from their publishers and imports them (same checks and all-or-nothing
 * import as geo:import). Needs the network; never run by the tests. With --out, also keeps the downloaded
 * files there (to inspect them, or to import them later with geo:import).
 *
 * Sources (README "Boundaries"):
 * - communes: geo.api.gouv.fr, the 33 communes of the Eurométropole (EPCI 246700488) with their outlines,
 *   from IGN Admin Express (Licence Ouverte / Etalab 2.0). Properties `code` (INSEE) and `nom`.
 * - quartiers: data.strasbourg.eu (Opendatasoft, Licence Ouverte), GeoJSON export of the administrative
 *   quartiers dataset. The dataset id below was not verifiable from here (no network while writing this):
 *   check it on the portal and pass --quartiers-dataset <id> if it differs.
 * - QPV: data.gouv.fr, "Quartiers prioritaires de la politique de la ville" (ANCT, Licence Ouverte 2.0): the
 *   first GeoJSON resource of the dataset, filtered to the Eurométropole's communes. Same caveat for the slug
 *   (--qpv-dataset <slug>).
 * Any source can also be replaced by a URL: --url quartier=https://...
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { BOUNDARY_KINDS, type BoundaryKind } from '../src/lib/geo/point-in-polygon';
import { openStore } from '../src/lib/server/db/open';
import { listCommunes } from '../src/lib/server/db/records';
import { parseEnv } from '../src/lib/server/env';
import { importBoundaries } from '../src/lib/server/geo';

const EPCI = '246700488';
const DEFAULTS = {
	communes: `https://geo.api.gouv.fr/epcis/${EPCI}/communes?format=geojson&geometry=contour&fields=code,nom`,
	quartiersDataset: 'quartiers_administratifs',
	qpvDataset: 'quartiers-prioritaires-de-la-politique-de-la-ville-qpv'
};
const TIMEOUT_MS = 60_000;

interface Options {
	only?: BoundaryKind;
	out?: string;
	dryRun: boolean;
	urls: Partial<Record<BoundaryKind, string>>;
	quartiersDataset: string;
	qpvDataset: string;
}

function parseArgs(argv: string[]): Options {
	const o: Options = { dryRun: false, urls: {}, ...DEFAULTS };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		const next = () => {
			const v = argv[++i];
			if (v === undefined) throw new Error(`${a} : valeur manquante`);
			return v;
		};
		if (a === '--only') o.only = z.enum(BOUNDARY_KINDS).parse(next());
		else if (a === '--out') o.out = next();
		else if (a === '--dry-run') o.dryRun = true;
		else if (a === '--quartiers-dataset') o.quartiersDataset = next();
		else if (a === '--qpv-dataset') o.qpvDataset = next();
		else if (a === '--url') {
			const [kind, ...rest] = next().split('=');
			o.urls[z.enum(BOUNDARY_KINDS).parse(kind)] = z.url({ protocol: /^https$/ }).parse(rest.join('='));
		} else throw new Error(`option inconnue : ${a}`);
	}
	return o;
}

async function getJson(url: string): Promise<unknown> {
	console.log(`  téléchargement ${url}`);
	const res = await fetch(url, {
		headers: { accept: 'application/geo+json, application/json' },
		signal: AbortSignal.timeout(TIMEOUT_MS)
	});
	if (!res.ok) throw new Error(`HTTP ${res.status} pour ${url}`);
	return res.json();
}

const resourcesSchema = z.object({
	resources: z.array(
		z.object({
			url: z.string(),
			format: z.string().nullable().optional(),
			title: z.string().nullable().optional()
		})
	)
});

/** The first GeoJSON resource of a data.gouv.fr dataset. */
async function dataGouvGeoJson(slug: string): Promise<string> {
	const meta = resourcesSchema.parse(
		await getJson(`https://www.data.gouv.fr/api/1/datasets/${encodeURIComponent(slug)}/`)
	);
	const r = meta.resources.find((x) => /geo\+?json/i.test(x.format ?? '') || /\.geojson(\?|$)/i.test(x.url));
	if (!r) throw new Error(`aucune ressource GeoJSON dans le jeu data.gouv.fr « ${slug} »`);
	return r.url;
}

type Fc = { type: 'FeatureCollection'; features: { properties?: Record<string, unknown> | null }[] };

/** Keeps the QPV of the Eurométropole's communes (the national file covers all of France). */
function onlyEms(fc: Fc, communeCodes: Set<string>): Fc {
	const fields = ['insee_com', 'code_insee', 'commune_qp', 'code_commune', 'insee_code', 'codgeo'];
	return {
		...fc,
		features: fc.features.filter((f) => {
			const props = f.properties ?? {};
			return fields.some((k) => {
				const v = props[k];
				const values = Array.isArray(v) ? v : typeof v === 'string' ? v.split(/[,; ]+/) : [];
				return values.some((c) => communeCodes.has(String(c)));
			});
		})
	};
}

async function main() {
	const o = parseArgs(process.argv.slice(2));
	const env = parseEnv(process.env);
	const store = await openStore(env);
	const codes = new Set((await listCommunes(store.sql)).map((c) => c.code));
	if (!codes.size) {
		await store.close();
		throw new Error(`${store.label} ne connaît aucune commune : démarrez le serveur une fois d'abord`);
	}
	const today = new Date().toISOString().slice(0, 10);
	const plan: { kind: BoundaryKind; source: string; load: () => Promise<unknown> }[] = [
		{
			kind: 'commune',
			source: `IGN Admin Express via geo.api.gouv.fr, Licence Ouverte (${today})`,
			load: () => getJson(o.urls.commune ?? DEFAULTS.communes)
		},
		{
			kind: 'quartier',
			source: `Ville de Strasbourg, data.strasbourg.eu, Licence Ouverte (${today})`,
			load: () =>
				getJson(
					o.urls.quartier ??
						`https://data.strasbourg.eu/api/explore/v2.1/catalog/datasets/${encodeURIComponent(o.quartiersDataset)}/exports/geojson`
				)
		},
		{
			kind: 'qpv',
			source: `ANCT, data.gouv.fr, Licence Ouverte 2.0 (${today})`,
			load: async () =>
				onlyEms((await getJson(o.urls.qpv ?? (await dataGouvGeoJson(o.qpvDataset)))) as Fc, codes)
		}
	];
	let failed = 0;
	for (const step of plan) {
		if (o.only && step.kind !== o.only) continue;
		console.log(`${step.kind} :`);
		try {
			const json = await step.load();
			if (o.out) {
				mkdirSync(o.out, { recursive: true });
				const file = join(o.out, `${step.kind}.geojson`);
				writeFileSync(file, JSON.stringify(json));
				console.log(`  enregistré dans ${file}`);
			}
			const result = await importBoundaries(store.sql, step.kind, json, {
				source: step.source,
				dryRun: o.dryRun
			});
			if (!result.ok) {
				failed++;
				console.error(`  refusé, rien n'a été écrit :\n${result.errors.map((e) => `    ${e}`).join('\n')}`);
				continue;
			}
			console.log(
				`  ${o.dryRun ? '[essai] ' : ''}${result.inserted} contour(s) importé(s) ; ${result.assignment?.changed.length ?? 0} fiche(s) au lieu corrigé`
			);
		} catch (e) {
			failed++;
			console.error(`  échec : ${(e as Error).message}`);
		}
	}
	await store.close();
	if (failed) process.exit(1);
}

main().catch((e) => {
	console.error(`geo:fetch : ${(e as Error).message}`);
	process.exit(1);
});
