/**
 * npm run import:finess -- <extraction.csv> [--dry-run] [--by <name>]
 *
 * The geolocated FINESS extraction of establishments (Ministère chargé de la santé, Licence Ouverte:
 * https://www.data.gouv.fr/fr/datasets/finess-extraction-du-fichier-des-etablissements/, the « géolocalisés »
 * resource) into the store DATABASE_PATH names: its ESAT (catégorie 246) matched by SIRET, existing
 * records enriched with the ESAT kind and its proof, new ones created as drafts only in the Eurométropole's
 * 33 communes, positions converted from Lambert-93. The last line is one JSON object.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { z } from 'zod';
import { migrate, openDatabase } from '../src/lib/server/db/connection';
import { parseEnv } from '../src/lib/server/env';
import { runFinessImport } from '../src/lib/server/buyers-import';
import { readCliArgs } from './cli-args';

const USAGE = 'usage : npm run import:finess -- <extraction.csv> [--dry-run] [--by <nom>]';

const argsSchema = z.object({
	file: z.string({ error: 'fichier à importer manquant' }).min(1, { error: 'fichier à importer manquant' }),
	dryRun: z.boolean(),
	by: z.string().max(200).optional()
});

export function parseArgs(argv: string[]): z.infer<typeof argsSchema> {
	const raw = readCliArgs(
		argv,
		{ values: { '--by': 'by' }, switches: { '--dry-run': ['dryRun', true] } },
		{ dryRun: false }
	);
	const parsed = argsSchema.safeParse(raw);
	if (!parsed.success) throw new Error(parsed.error.issues[0].message);
	return parsed.data;
}

async function main(): Promise<number> {
	let args;
	try {
		args = parseArgs(process.argv.slice(2));
	} catch (e) {
		console.error(`import:finess : ${(e as Error).message}`);
		console.error(USAGE);
		return 2;
	}
	if (!existsSync(args.file)) {
		console.error(`import:finess : fichier introuvable : ${args.file}`);
		return 2;
	}
	const env = parseEnv(process.env);
	const db = openDatabase(env.DATABASE_PATH);
	migrate(db);
	try {
		const { exitCode, result } = await runFinessImport(
			db,
			{
				fileName: basename(args.file),
				bytes: new Uint8Array(readFileSync(args.file)),
				dryRun: args.dryRun,
				by: args.by
			},
			{ log: (l) => console.log(l), progress: (l) => console.error(l) }
		);
		if (result.message) console.log(`import:finess : ${result.message}`);
		console.log(JSON.stringify(result));
		return exitCode;
	} finally {
		db.close();
	}
}

if (process.argv[1] && import.meta.url.endsWith(basename(process.argv[1])))
	main().then(
		(code) => process.exit(code),
		(e: unknown) => {
			console.error(`import:finess : erreur inattendue : ${(e as Error).stack ?? String(e)}`);
			process.exit(1);
		}
	);
