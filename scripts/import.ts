/**
 * npm run import -- <file.csv|file.xlsx|file.geojson> --kind organisation|initiative|funding-tool
 *                   [--mapping mapping.json] [--dry-run] [--skip-errors] [--by <name>]
 *
 * The workspace's import (/admin/import) from the command line, on the store the server uses (DATABASE_URL's
 * PostgreSQL, else the SQLite file DATABASE_PATH names): same reading, mapping, checks and dry run, all rows
 * written in one transaction with their history entries, records found again by id, SIRET or name. Lines in French say what each row does; the last line is one
 * JSON object ({"new", "updated", "unchanged", "errors", "skipped", "written", ...}). Exit code 1 when rows
 * are in error (nothing is written) unless --skip-errors, which writes the valid rows; 2 on bad arguments.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { z } from 'zod';
import { RECORD_KINDS } from '../src/lib/domain/records';
import { openStore } from '../src/lib/server/db/open';
import { parseEnv } from '../src/lib/server/env';
import { runImportCommand } from '../src/lib/server/admin/import-command';
import { readCliArgs } from './cli-args';

const argsSchema = z.object({
	file: z.string({ error: 'fichier à importer manquant' }).min(1, { error: 'fichier à importer manquant' }),
	kind: z.enum(RECORD_KINDS, { error: `--kind attendu : ${RECORD_KINDS.join(', ')}` }),
	mapping: z.string().min(1).optional(),
	dryRun: z.boolean(),
	skipErrors: z.boolean(),
	by: z.string().trim().min(1, { error: '--by : nom vide' }).max(200).optional()
});

export function parseArgs(argv: string[]) {
	const raw = readCliArgs(
		argv,
		{
			values: { '--kind': 'kind', '--mapping': 'mapping', '--by': 'by' },
			switches: { '--dry-run': ['dryRun', true], '--skip-errors': ['skipErrors', true] }
		},
		{ dryRun: false, skipErrors: false }
	);
	const parsed = argsSchema.safeParse(raw);
	if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join(' ; '));
	return parsed.data;
}

const USAGE =
	'usage : npm run import -- <fichier.csv|fichier.xlsx|fichier.geojson> --kind organisation|initiative|funding-tool [--mapping correspondance.json] [--dry-run] [--skip-errors] [--by <nom>]';

async function main(): Promise<number> {
	let args;
	try {
		args = parseArgs(process.argv.slice(2));
	} catch (e) {
		console.error(`import : ${(e as Error).message}`);
		console.error(USAGE);
		return 2;
	}
	for (const path of [args.file, args.mapping].filter((p): p is string => !!p))
		if (!existsSync(path)) {
			console.error(`import : ${path} introuvable`);
			return 2;
		}
	let mappingFile: unknown;
	if (args.mapping) {
		try {
			mappingFile = JSON.parse(readFileSync(args.mapping, 'utf8'));
		} catch (e) {
			console.error(`import : ${args.mapping} n’est pas du JSON lisible (${(e as Error).message})`);
			return 2;
		}
	}
	const store = await openStore(parseEnv(process.env));
	try {
		const { exitCode, result } = await runImportCommand(
			store.sql,
			{
				kind: args.kind,
				fileName: basename(args.file),
				bytes: new Uint8Array(readFileSync(args.file)),
				mappingFile,
				dryRun: args.dryRun,
				skipErrors: args.skipErrors,
				by: args.by
			},
			{ log: (line) => console.log(line), progress: (line) => console.error(line) }
		);
		if (result.message) console.log(`import : ${result.message}`);
		console.log(JSON.stringify(result));
		return exitCode;
	} finally {
		await store.close();
	}
}

if (process.argv[1] && import.meta.url.endsWith(basename(process.argv[1])))
	main().then(
		(code) => process.exit(code),
		(e: unknown) => {
			console.error(`import : erreur inattendue : ${(e as Error).stack ?? String(e)}`);
			process.exit(1);
		}
	);
