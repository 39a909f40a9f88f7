/**
 * npm run import:esus -- <liste.xlsx> [--dry-run] [--date AAAA-MM-JJ] [--by <name>]
 *
 * The national list of ESUS approvals (Direction générale du Trésor, xlsx:
 * https://www.tresor.economie.gouv.fr/banque-assurance-finance/finance-sociale-et-solidaire/liste-nationale-agrements-esus)
 * onto the organisations of the store DATABASE_PATH names, matched by SIREN: the ESUS kind added, its proof
 * filled (the list, dated by the approval date when the list gives one, else by --date: the list's own date,
 * by default today). Never creates a record. The last line is one JSON object.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { z } from 'zod';
import { todayIso } from '../src/lib/domain/common';
import { migrate, openDatabase } from '../src/lib/server/db/connection';
import { parseEnv } from '../src/lib/server/env';
import { runEsusImport } from '../src/lib/server/buyers-import';
import { readCliArgs } from './cli-args';

const USAGE = 'usage : npm run import:esus -- <liste.xlsx> [--dry-run] [--date AAAA-MM-JJ] [--by <nom>]';

const argsSchema = z.object({
	file: z.string({ error: 'fichier à importer manquant' }).min(1, { error: 'fichier à importer manquant' }),
	dryRun: z.boolean(),
	date: z.iso.date({ error: '--date : date de la liste attendue au format AAAA-MM-JJ' }),
	by: z.string().max(200).optional()
});

export function parseArgs(argv: string[]): z.infer<typeof argsSchema> {
	const raw = readCliArgs(
		argv,
		{ values: { '--by': 'by', '--date': 'date' }, switches: { '--dry-run': ['dryRun', true] } },
		{ dryRun: false, date: todayIso() }
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
		console.error(`import:esus : ${(e as Error).message}`);
		console.error(USAGE);
		return 2;
	}
	if (!existsSync(args.file)) {
		console.error(`import:esus : fichier introuvable : ${args.file}`);
		return 2;
	}
	const env = parseEnv(process.env);
	const db = openDatabase(env.DATABASE_PATH);
	migrate(db);
	try {
		const { exitCode, result } = await runEsusImport(
			db,
			{
				fileName: basename(args.file),
				bytes: new Uint8Array(readFileSync(args.file)),
				dryRun: args.dryRun,
				date: args.date,
				by: args.by
			},
			{ log: (l) => console.log(l), progress: (l) => console.error(l) }
		);
		if (result.message) console.log(`import:esus : ${result.message}`);
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
			console.error(`import:esus : erreur inattendue : ${(e as Error).stack ?? String(e)}`);
			process.exit(1);
		}
	);
