/**
 * npm run db:copy -- --from data/carto-ess.sqlite --to postgres://user@host:5432/carto [--remplacer]
 *
 * Copies a SQLite store, every table, into PostgreSQL, for a deployment moving to several instances over one
 * database. The target is migrated to the code's schema version; the copy is one transaction whose counts
 * are checked before it commits. A target holding data is refused unless `--remplacer` is given. `--from`
 * defaults to DATABASE_PATH (or data/carto-ess.sqlite), `--to` to DATABASE_URL. Prints a JSON summary as
 * the last line.
 *
 * Stop the server writing to the SQLite file first: rows written during the copy would not be in it.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { CopyError, copySqliteToPostgres } from '../src/lib/server/db/copy';
import { isPostgresUrl, postgresClient } from '../src/lib/server/db/sql';
import { readCliArgs } from './cli-args';

const Args = z.object({
	from: z.string().min(1, { error: 'Base SQLite : indiquez le fichier (--from ou DATABASE_PATH).' }),
	to: z
		.string({ error: 'Base PostgreSQL : indiquez son adresse (--to ou DATABASE_URL).' })
		.refine(isPostgresUrl, { error: 'Base PostgreSQL : une adresse postgres://… est attendue (--to).' }),
	replace: z.boolean(),
	file: z.undefined({ error: 'argument en trop' }).optional()
});

function fail(message: string): never {
	console.error(`db:copy : ${message}`);
	process.exit(1);
}

let args: z.infer<typeof Args>;
try {
	const raw = readCliArgs(
		process.argv.slice(2),
		{ values: { '--from': 'from', '--to': 'to' }, switches: { '--remplacer': ['replace', true] } },
		{
			from: process.env.DATABASE_PATH || 'data/carto-ess.sqlite',
			to: process.env.DATABASE_URL || undefined,
			replace: false
		}
	);
	const parsed = Args.safeParse(raw);
	if (!parsed.success) fail(parsed.error.issues.map((i) => i.message).join(' ; '));
	args = parsed.data;
} catch (e) {
	fail((e as Error).message);
}
if (!existsSync(args.from)) fail(`base SQLite introuvable : ${args.from}`);

const started = performance.now();
const source = new Database(args.from, { readonly: true, fileMustExist: true });
const target = postgresClient(args.to, { max: 2 });
try {
	const copied = await copySqliteToPostgres(source, target, {
		replace: args.replace,
		onTable: ({ table, rows }) => console.log(`  ${table} : ${rows}`)
	});
	const total = copied.reduce((n, c) => n + c.rows, 0);
	console.log(`Copie terminée : ${total} lignes dans ${copied.length} tables, comptes vérifiés.`);
	console.log(
		JSON.stringify({
			tables: Object.fromEntries(copied.map((c) => [c.table, c.rows])),
			rows: total,
			ms: Math.round(performance.now() - started)
		})
	);
} catch (e) {
	const message =
		e instanceof CopyError ? e.message : `la copie a échoué, rien n'a été écrit (${(e as Error).message})`;
	process.exitCode = 1;
	console.error(`db:copy : ${message}`);
} finally {
	source.close();
	await target.close();
}
