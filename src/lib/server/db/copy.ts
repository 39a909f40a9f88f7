/**
 * Copies a whole SQLite store into a PostgreSQL database: records, their history, accounts, sessions,
 * proposals, messages, imports, boundaries, every table the migrations made. The target is migrated to the
 * same schema version first; the copy runs in one transaction and checks every table's count before it
 * commits, so a copy that fails half-way leaves the target as it was.
 *
 * A target that already holds data is refused unless `replace` is set (then its tables are emptied inside
 * the same transaction): a copy must never mix two stores.
 */
import type Database from 'better-sqlite3';
import { migrateSql, schemaVersion } from './migrate-sql';
import type { SqlClient } from './sql';

export interface TableCopy {
	table: string;
	rows: number;
}

export class CopyError extends Error {}

/** Rows per INSERT: PostgreSQL takes at most 65,535 parameters in one statement. */
const MAX_PARAMETERS = 30_000;

/** The tables to copy, each after the tables its foreign keys point to. */
export function tablesInOrder(source: Database.Database): string[] {
	const tables = (
		source
			.prepare(
				"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'schema_migrations' ORDER BY name"
			)
			.all() as { name: string }[]
	).map((t) => t.name);
	const known = new Set(tables);
	const parents = new Map(
		tables.map((t) => [
			t,
			(
				source.prepare(`SELECT "table" AS parent FROM pragma_foreign_key_list(?)`).all(t) as {
					parent: string;
				}[]
			)
				.map((f) => f.parent)
				.filter((p) => p !== t && known.has(p))
		])
	);
	const ordered: string[] = [];
	const placed = new Set<string>();
	const visit = (t: string, path: string[]) => {
		if (placed.has(t)) return;
		if (path.includes(t)) throw new CopyError(`Clés étrangères circulaires : ${[...path, t].join(' → ')}`);
		for (const p of parents.get(t) ?? []) visit(p, [...path, t]);
		placed.add(t);
		ordered.push(t);
	};
	for (const t of tables) visit(t, []);
	return ordered;
}

function quoted(name: string): string {
	return `"${name.replaceAll('"', '""')}"`;
}

/** The number of rows each table holds on the target. */
async function counts(target: SqlClient, tables: string[]): Promise<Map<string, number>> {
	const result = new Map<string, number>();
	for (const t of tables) {
		const row = await target.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${quoted(t)}`);
		result.set(t, row?.n ?? 0);
	}
	return result;
}

export async function copySqliteToPostgres(
	source: Database.Database,
	target: SqlClient,
	opts: { replace?: boolean; onTable?: (copy: TableCopy) => void } = {}
): Promise<TableCopy[]> {
	if (target.dialect !== 'postgres') throw new CopyError('La cible doit être une base PostgreSQL.');
	const sourceVersion =
		(source.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0;
	await migrateSql(target);
	const targetVersion = await schemaVersion(target);
	if (sourceVersion !== targetVersion)
		throw new CopyError(
			`La base SQLite est à la version ${sourceVersion} du schéma, la cible à la version ${targetVersion} : ` +
				"démarrez une fois l'application (ou npm run db:backup) sur la base SQLite avec cette version du code, puis recommencez."
		);
	const tables = tablesInOrder(source);
	return target.transaction(async (tx) => {
		const before = await counts(tx, tables);
		const filled = [...before].filter(([, n]) => n > 0);
		if (filled.length > 0) {
			if (!opts.replace)
				throw new CopyError(
					`La base PostgreSQL n'est pas vide (${filled.map(([t, n]) => `${t} : ${n}`).join(', ')}). ` +
						'Pour la remplacer entièrement, relancez avec --remplacer.'
				);
			await tx.exec(`TRUNCATE ${tables.map(quoted).join(', ')} RESTART IDENTITY`);
		}
		const copied: TableCopy[] = [];
		for (const table of tables) {
			const columns = (
				source.prepare(`SELECT name FROM pragma_table_info(?) ORDER BY cid`).all(table) as {
					name: string;
				}[]
			).map((c) => c.name);
			const perInsert = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
			const head = `INSERT INTO ${quoted(table)} (${columns.map(quoted).join(', ')}) VALUES `;
			const tuple = `(${columns.map(() => '?').join(', ')})`;
			let batch: unknown[][] = [];
			let rows = 0;
			const flush = async () => {
				if (batch.length === 0) return;
				await tx.run(head + batch.map(() => tuple).join(', '), batch.flat());
				rows += batch.length;
				batch = [];
			};
			const select = source.prepare(`SELECT ${columns.map(quoted).join(', ')} FROM ${quoted(table)}`).raw();
			for (const row of select.iterate() as Iterable<unknown[]>) {
				batch.push(row);
				if (batch.length >= perInsert) await flush();
			}
			await flush();
			const read = (source.prepare(`SELECT COUNT(*) AS n FROM ${quoted(table)}`).get() as { n: number }).n;
			if (read !== rows)
				throw new CopyError(
					`${table} : ${read} lignes dans la base SQLite, ${rows} lues. Rien n'a été écrit.`
				);
			copied.push({ table, rows });
			opts.onTable?.({ table, rows });
		}
		// Identity columns continue after the highest id copied in.
		const identities = await tx.all<{ table_name: string; column_name: string }>(
			"SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND is_identity = 'YES'"
		);
		for (const { table_name, column_name } of identities)
			await tx.get(
				`SELECT setval(pg_get_serial_sequence(?, ?), COALESCE(MAX(${quoted(column_name)}), 0) + 1, false) FROM ${quoted(table_name)}`,
				[table_name, column_name]
			);
		const after = await counts(tx, tables);
		const wrong = copied.filter((c) => after.get(c.table) !== c.rows);
		if (wrong.length > 0)
			throw new CopyError(
				`Les comptes ne correspondent pas après la copie : ${wrong
					.map((c) => `${c.table} : ${c.rows} lues, ${after.get(c.table)} écrites`)
					.join(', ')}. Rien n'a été écrit.`
			);
		return copied;
	});
}
