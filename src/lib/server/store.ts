import { formatIssue } from '$lib/domain/dataset';
import { migrate, openDatabase, type Db } from './db/connection';
import { seedIfEmpty, wasSeeded } from './db/seed';
import { sqliteClient, type SqlClient } from './db/sql';
import { parseEnv, type Env } from './env';
import { loadDataset } from './seed/read-data';

let db: Db | undefined;
let sql: SqlClient | undefined;
let env: Env | undefined;

export function getEnv(): Env {
	env ??= parseEnv(process.env);
	return env;
}

/**
 * Opens the store, applies migrations and seeds an empty database from data/.
 * Invalid seed data stops the start with one line per problem rather than half-seeding.
 */
export function initStore(): Db {
	if (db) return db;
	const config = getEnv();
	const opened = openDatabase(config.DATABASE_PATH);
	const applied = migrate(opened);
	if (applied.length) console.log(`[store] migrations appliquées : ${applied.join(', ')}`);
	if (config.SEED_ON_START === 'true') {
		if (!wasSeeded(opened)) {
			const { dataset, issues } = loadDataset(config.DATA_DIR);
			if (issues.length) {
				opened.close();
				throw new Error(
					`Données de départ invalides (${issues.length}) :\n${issues.map(formatIssue).join('\n')}`
				);
			}
			const result = seedIfEmpty(opened, dataset);
			if (result.seeded) console.log(`[store] base initialisée depuis ${config.DATA_DIR} :`, result.counts);
		}
	}
	// Tests only: the store's size limit that stands for a full disk (set after seeding, so the server starts).
	if (config.TEST_DATABASE_MAX_PAGES)
		opened.pragma(`max_page_count = ${Math.trunc(config.TEST_DATABASE_MAX_PAGES)}`);
	db = opened;
	return db;
}

export function getDb(): Db {
	return db ?? initStore();
}

/**
 * The store through the asynchronous client both engines share. The modules that already use it work
 * on PostgreSQL as well; the others still take the synchronous connection (`getDb`), the same SQLite file.
 */
export function getSql(): SqlClient {
	sql ??= sqliteClient(getDb());
	return sql;
}
