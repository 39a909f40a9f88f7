/**
 * npm run import:inclusion -- <structures.csv> [--dry-run] [--by <name>]
 *
 * The data·inclusion « structures » open data (https://www.data.gouv.fr/fr/datasets/6233723c2c1e4a54af2f6b2d/,
 * CSV) into the store DATABASE_PATH names: matched by SIRET, existing records enriched, new ones created
 * only in the Eurométropole's 33 communes (as drafts), with history entries. The last line is one JSON object.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { migrate, openDatabase } from '../src/lib/server/db/connection';
import { parseEnv } from '../src/lib/server/env';
import { runInclusionImport } from '../src/lib/server/buyers-import';
import { readCliArgs } from './cli-args';

const USAGE = 'usage : npm run import:inclusion -- <structures.csv> [--dry-run] [--by <nom>]';

export function parseArgs(argv: string[]): { file: string; dryRun: boolean; by?: string } {
	const raw = readCliArgs(
		argv,
		{ values: { '--by': 'by' }, switches: { '--dry-run': ['dryRun', true] } },
		{ dryRun: false }
	);
	const file = raw.file as string | undefined;
	const dryRun = raw.dryRun as boolean;
	const by = raw.by as string | undefined;
	if (!file) throw new Error('fichier à importer manquant');
	return { file, dryRun, by };
}

async function main(): Promise<number> {
	let args;
	try {
		args = parseArgs(process.argv.slice(2));
	} catch (e) {
		console.error(`import:inclusion : ${(e as Error).message}`);
		console.error(USAGE);
		return 2;
	}
	if (!existsSync(args.file)) {
		console.error(`import:inclusion : fichier introuvable : ${args.file}`);
		return 2;
	}
	const env = parseEnv(process.env);
	const db = openDatabase(env.DATABASE_PATH);
	migrate(db);
	try {
		const { exitCode, result } = await runInclusionImport(
			db,
			{
				fileName: basename(args.file),
				bytes: new Uint8Array(readFileSync(args.file)),
				dryRun: args.dryRun,
				by: args.by
			},
			{ log: (l) => console.log(l), progress: (l) => console.error(l) }
		);
		if (result.message) console.log(`import:inclusion : ${result.message}`);
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
			console.error(`import:inclusion : erreur inattendue : ${(e as Error).stack ?? String(e)}`);
			process.exit(1);
		}
	);
