/**
 * The run's store as the tests see it, on whichever engine the app under test runs (e2e/run-database.ts):
 * opened, migrated and closed with the app's own code (`openStore`), and read and written with the store's own
 * functions through the asynchronous client, so a fixture or a check is written once for both engines.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/lib/server/db/open';
import { seedIfEmpty } from '../src/lib/server/db/seed';
import type { SqlClient } from '../src/lib/server/db/sql';
import { loadDataset } from '../src/lib/server/seed/read-data';
import { createSideDatabase } from './run-database';

function location() {
	const path = process.env.E2E_DATABASE_PATH;
	if (!path) throw new Error('E2E_DATABASE_PATH is not set (playwright.config.ts sets it)');
	return { DATABASE_PATH: path, DATABASE_URL: process.env.E2E_STORE_URL };
}

/** The run's store, open: close it (`await db.close()`) when done. */
export async function e2eStore(): Promise<SqlClient> {
	return (await openStore(location())).sql;
}

/** Runs `work` on the run's store, then closes it. */
export async function withStore<T>(work: (db: SqlClient) => Promise<T>): Promise<T> {
	const db = await e2eStore();
	try {
		return await work(db);
	} finally {
		await db.close();
	}
}

/** The environment for a script of the project (admin:create, geo:import) to work on the run's store. */
export function storeEnv(): NodeJS.ProcessEnv {
	const { DATABASE_PATH, DATABASE_URL } = location();
	return { ...process.env, DATABASE_PATH, DATABASE_URL: DATABASE_URL ?? '' };
}

/**
 * A store of its own on the run's engine, seeded from data/ as the app seeds an empty store: for a test whose
 * writes (a script's, say) must not show up in other journeys. `env` points a script at it; `drop` removes it.
 */
export async function sideStore(suffix: string) {
	const side = await createSideDatabase(suffix);
	const dir = side ? undefined : mkdtempSync(join(tmpdir(), 'carto-e2e-side-'));
	const where = { DATABASE_PATH: dir ? join(dir, 'side.sqlite') : 'unused.sqlite', DATABASE_URL: side?.url };
	const open = async () => (await openStore(where)).sql;
	const db = await open();
	try {
		const { dataset, issues } = loadDataset('data');
		if (issues.length) throw new Error('data/ invalide : lancez npm run data:check');
		await seedIfEmpty(db, dataset);
	} finally {
		await db.close();
	}
	return {
		env: { ...process.env, DATABASE_PATH: where.DATABASE_PATH, DATABASE_URL: where.DATABASE_URL ?? '' },
		open,
		drop: async () => {
			await side?.drop();
			if (dir) rmSync(dir, { recursive: true, force: true });
		}
	};
}
