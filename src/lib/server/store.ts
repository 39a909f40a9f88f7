import { formatIssue } from '$lib/domain/dataset';
import { migrate, openDatabase, type Db } from './db/connection';
import { migrateSql } from './db/migrate-sql';
import { postgresLabel } from './db/open';
import { seedIfEmpty, wasSeeded } from './db/seed';
import { postgresClient, sqliteClient, type SqlClient } from './db/sql';
import { parseEnv, type Env } from './env';
import { loadDataset } from './seed/read-data';

let db: Db | undefined;
let sql: SqlClient | undefined;
let env: Env | undefined;

export function getEnv(): Env {
	env ??= parseEnv(process.env);
	return env;
}

/** Whether the store is the PostgreSQL database DATABASE_URL names (else the SQLite file). */
export function usesPostgres(): boolean {
	return getEnv().DATABASE_URL !== undefined;
}

/** The seed (data/), read and checked: invalid seed data stops the start with one line per problem. */
function seedDataset() {
	const config = getEnv();
	const { dataset, issues } = loadDataset(config.DATA_DIR);
	if (issues.length)
		throw new Error(
			`Données de départ invalides (${issues.length}) :\n${issues.map(formatIssue).join('\n')}`
		);
	return dataset;
}

/**
 * Opens the SQLite store, applies migrations and seeds an empty database from data/, rather than
 * half-seeding when the seed is invalid.
 */
export function initStore(): Db {
	if (db) return db;
	const config = getEnv();
	if (config.DATABASE_URL)
		throw new Error(
			'Le stockage SQLite a été demandé alors que DATABASE_URL désigne PostgreSQL : cette partie du code doit passer par getSql().'
		);
	const opened = openDatabase(config.DATABASE_PATH);
	const applied = migrate(opened);
	if (applied.length) console.log(`[store] migrations appliquées : ${applied.join(', ')}`);
	if (config.SEED_ON_START === 'true' && !wasSeeded(opened)) {
		let dataset;
		try {
			dataset = seedDataset();
		} catch (e) {
			opened.close();
			throw e;
		}
		const result = seedIfEmpty(opened, dataset);
		if (result.seeded) console.log(`[store] base initialisée depuis ${config.DATA_DIR} :`, result.counts);
	}
	// Tests only: the store's size limit that stands for a full disk (set after seeding, so the server starts).
	if (config.TEST_DATABASE_MAX_PAGES)
		opened.pragma(`max_page_count = ${Math.trunc(config.TEST_DATABASE_MAX_PAGES)}`);
	db = opened;
	return db;
}

/**
 * Opens the store before the first request, on either engine: migrations (each applied once, however many
 * instances start at once), then the seed into an empty store (once, likewise).
 */
export async function openServerStore(): Promise<SqlClient> {
	const config = getEnv();
	if (!config.DATABASE_URL) {
		initStore();
		return getSql();
	}
	const client = getSql();
	const applied = await migrateSql(client);
	if (applied.length) console.log(`[store] migrations appliquées : ${applied.join(', ')}`);
	if (config.SEED_ON_START === 'true' && !(await wasSeeded(client))) {
		const result = await seedIfEmpty(client, seedDataset());
		if (result.seeded)
			console.log(
				`[store] base PostgreSQL ${postgresLabel(config.DATABASE_URL)} initialisée depuis ${config.DATA_DIR} :`,
				result.counts
			);
	}
	return client;
}

/** SQLite's synchronous connection (the page cache's fast path, scripts); absent on PostgreSQL. */
export function getDb(): Db {
	return db ?? initStore();
}

/** The store through the asynchronous client both engines share: PostgreSQL with DATABASE_URL, else SQLite. */
export function getSql(): SqlClient {
	if (sql) return sql;
	const url = getEnv().DATABASE_URL;
	sql = url ? postgresClient(url) : sqliteClient(getDb());
	return sql;
}

/** Closes the store (scripts, at their end). */
export async function closeStore(): Promise<void> {
	if (sql?.dialect === 'postgres') await sql.close();
	db?.close();
	sql = undefined;
	db = undefined;
}
