/**
 * npm run geo:import -- <file.geojson> --kind commune|quartier|qpv [options]
 *
 * Loads official outlines into the store (table `boundaries`), replacing the previous ones of that kind,
 * then derives records' commune, quartier and QPV from their positions (src/lib/geo/point-in-polygon.ts)
 * and prints what changed. Everything or nothing: an invalid geometry, an unknown code, a duplicate or a
 * projected (Lambert-93) file stops the import with one line per problem, and nothing is written.
 *
 *   --kind k            commune | quartier | qpv (required)
 *   --code-field f      property holding the code (default: tried in order, see CODE_FIELDS)
 *   --name-field f      property holding the name
 *   --source "text"     credit shown on the map (default: the file name); give publisher and licence
 *   --dry-run           show what would change, write nothing
 *   --no-assign         store the outlines without touching records
 *
 * The database is DATABASE_PATH (default data/carto-ess.sqlite), as for the server. Files: see README
 * "Boundaries"; `npm run geo:fetch` downloads the official ones.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { z } from 'zod';
import { BOUNDARY_KINDS } from '../src/lib/geo/point-in-polygon';
import { openStore } from '../src/lib/server/db/open';
import { parseEnv } from '../src/lib/server/env';
import { BOUNDARY_GEOJSON_LIMITS } from '../src/lib/io/json-limits';
import { importBoundaryText, type AssignReport } from '../src/lib/server/geo';
import { readCliArgs } from './cli-args';

const argsSchema = z.object({
	file: z.string({ error: 'fichier GeoJSON manquant' }).min(1, { error: 'fichier GeoJSON manquant' }),
	kind: z.enum(BOUNDARY_KINDS, { error: `--kind attendu : ${BOUNDARY_KINDS.join(', ')}` }),
	codeField: z.string().min(1).max(60).optional(),
	nameField: z.string().min(1).max(60).optional(),
	source: z.string().trim().min(3, { error: '--source : au moins 3 caractères' }).max(300).optional(),
	dryRun: z.boolean(),
	assign: z.boolean()
});

export function parseArgs(argv: string[]) {
	const raw = readCliArgs(
		argv,
		{
			values: {
				'--kind': 'kind',
				'--code-field': 'codeField',
				'--name-field': 'nameField',
				'--source': 'source'
			},
			switches: { '--dry-run': ['dryRun', true], '--no-assign': ['assign', false] }
		},
		{ dryRun: false, assign: true }
	);
	const parsed = argsSchema.safeParse(raw);
	if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join(' ; '));
	return parsed.data;
}

function printAssignment(r: AssignReport, dryRun: boolean) {
	console.log(
		`Lieux déduits des contours : ${r.changed.length} fiche(s) ${dryRun ? 'à modifier' : 'modifiée(s)'}.`
	);
	for (const c of r.changed) {
		const fmt = (p: typeof c.before) => [p.communeCode, p.quartierCode ?? '—', p.qpv ?? '—'].join(' / ');
		console.log(`  ${c.id} (${c.name}) : ${fmt(c.before)} -> ${fmt(c.after)}`);
	}
	if (r.outside.length) {
		console.log(`Hors de tous les contours de communes (à vérifier) : ${r.outside.length}`);
		for (const o of r.outside.slice(0, 20)) console.log(`  ${o.id} (${o.name})`);
	}
	for (const s of r.skipped) console.log(`  ignorée : ${s.id} (${s.reason})`);
}

async function main() {
	let args;
	try {
		args = parseArgs(process.argv.slice(2));
	} catch (e) {
		console.error(`geo:import : ${(e as Error).message}`);
		console.error('usage : npm run geo:import -- <fichier.geojson> --kind commune|quartier|qpv [--dry-run]');
		process.exit(2);
	}
	if (!existsSync(args.file)) {
		console.error(`geo:import : ${args.file} introuvable`);
		process.exit(2);
	}
	// Refused before reading: a file far past the limit would cost its whole size in memory first.
	const size = statSync(args.file).size;
	if (size > BOUNDARY_GEOJSON_LIMITS.maxChars * 4) {
		console.error(`geo:import : ${args.file} refusé, rien n'a été écrit :`);
		console.error(`  fichier trop lourd : ${Math.round(size / 1024 / 1024)} Mo`);
		process.exit(1);
	}
	const text = readFileSync(args.file, 'utf8');
	const env = parseEnv(process.env);
	const store = await openStore(env);
	try {
		const known = await store.sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM communes');
		if (!known?.n) {
			console.error(
				`geo:import : ${store.label} ne connaît aucune commune ; démarrez le serveur une fois (il charge data/) avant d'importer des contours`
			);
			process.exitCode = 1;
			return;
		}
		const result = await importBoundaryText(store.sql, args.kind, text, {
			source: args.source ?? `${basename(args.file)} (importé le ${new Date().toISOString().slice(0, 10)})`,
			codeField: args.codeField,
			nameField: args.nameField,
			assign: args.assign,
			dryRun: args.dryRun
		});
		if (!result.ok) {
			console.error(`geo:import : ${args.file} refusé, rien n'a été écrit :`);
			for (const e of result.errors) console.error(`  ${e}`);
			process.exitCode = 1;
			return;
		}
		console.log(
			`${args.dryRun ? '[essai, rien écrit] ' : ''}${result.inserted} contour(s) de type ${result.kind} importé(s)` +
				(result.replaced ? `, ${result.replaced} remplacé(s)` : '') +
				'.'
		);
		if (result.assignment) printAssignment(result.assignment, args.dryRun);
	} finally {
		await store.close();
	}
}

if (process.argv[1] && import.meta.url.endsWith(basename(process.argv[1]))) await main();
