/**
 * The store a command-line script works on, as the server would open it: PostgreSQL when DATABASE_URL names
 * it, else the SQLite file DATABASE_PATH names; migrated first, so a script works before the first start.
 */
import { migrate, openDatabase } from './connection';
import { migrateSql } from './migrate-sql';
import { isPostgresUrl, postgresClient, sqliteClient, type SqlClient } from './sql';

export interface OpenedStore {
	sql: SqlClient;
	/** What to name in messages: the SQLite file, or the PostgreSQL database without its password. */
	label: string;
	close(): Promise<void>;
}

export async function openStore(env: { DATABASE_PATH: string; DATABASE_URL?: string }): Promise<OpenedStore> {
	if (isPostgresUrl(env.DATABASE_URL)) {
		const sql = postgresClient(env.DATABASE_URL, { max: 4 });
		try {
			await migrateSql(sql);
		} catch (e) {
			await sql.close();
			throw e;
		}
		return { sql, label: postgresLabel(env.DATABASE_URL), close: () => sql.close() };
	}
	const db = openDatabase(env.DATABASE_PATH);
	migrate(db);
	const sql = sqliteClient(db, { owned: true });
	return { sql, label: env.DATABASE_PATH, close: () => sql.close() };
}

/** `postgres://user@host:port/base`, the password left out: the label is printed. */
export function postgresLabel(url: string): string {
	const u = new URL(url);
	u.password = '';
	return u.toString();
}
