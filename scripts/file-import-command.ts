/**
 * The shell of the one-file import commands (import:inclusion, import:esus, import:finess): read the
 * arguments, refuse a missing file in French, open and migrate the store the server uses (DATABASE_URL's
 * PostgreSQL, else the SQLite file DATABASE_PATH names), run the import with its report on stdout and
 * progress on stderr, print the result as the last line (one JSON object), and exit with the import's code:
 * 2 for bad arguments, 1 for an unexpected error.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { CommandOutput } from '../src/lib/server/admin/import-command';
import { openStore } from '../src/lib/server/db/open';
import type { SqlClient } from '../src/lib/server/db/sql';
import { parseEnv } from '../src/lib/server/env';

/** What every file import reads from its command line, and what it hands its import. */
export interface FileImportArgs {
	file: string;
	dryRun: boolean;
	by?: string;
}
export interface FileImportInput {
	fileName: string;
	bytes: Uint8Array;
	dryRun: boolean;
	by?: string;
}

export interface FileImportCommand<A extends FileImportArgs> {
	/** The npm script's name (`import:esus`), prefixed to every message. */
	name: string;
	usage: string;
	parseArgs: (argv: string[]) => A;
	run: (
		sql: SqlClient,
		input: FileImportInput,
		args: A,
		out: CommandOutput
	) => Promise<{ exitCode: number; result: { message?: string } }>;
}

async function main<A extends FileImportArgs>(command: FileImportCommand<A>): Promise<number> {
	let args: A;
	try {
		args = command.parseArgs(process.argv.slice(2));
	} catch (e) {
		console.error(`${command.name} : ${(e as Error).message}`);
		console.error(command.usage);
		return 2;
	}
	if (!existsSync(args.file)) {
		console.error(`${command.name} : fichier introuvable : ${args.file}`);
		return 2;
	}
	const store = await openStore(parseEnv(process.env));
	try {
		const input = {
			fileName: basename(args.file),
			bytes: new Uint8Array(readFileSync(args.file)),
			dryRun: args.dryRun,
			by: args.by
		};
		const { exitCode, result } = await command.run(store.sql, input, args, {
			log: (l) => console.log(l),
			progress: (l) => console.error(l)
		});
		if (result.message) console.log(`${command.name} : ${result.message}`);
		console.log(JSON.stringify(result));
		return exitCode;
	} finally {
		await store.close();
	}
}

/** Runs the command when its script is the one node was started with (`moduleUrl`: its import.meta.url). */
export function runWhenCalled<A extends FileImportArgs>(
	moduleUrl: string,
	command: FileImportCommand<A>
): void {
	if (!process.argv[1] || !moduleUrl.endsWith(basename(process.argv[1]))) return;
	main(command).then(
		(code) => process.exit(code),
		(e: unknown) => {
			console.error(`${command.name} : erreur inattendue : ${(e as Error).stack ?? String(e)}`);
			process.exit(1);
		}
	);
}
