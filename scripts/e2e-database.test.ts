import { describe, expect, it } from 'vitest';
import { resolveRunStore } from '../e2e/run-database';

describe('the browser test run’s store (e2e/run-database.ts)', () => {
	it('stays on SQLite without a PostgreSQL server', () => {
		const env: NodeJS.ProcessEnv = { DATABASE_URL: '' };
		resolveRunStore(env);
		expect(env.E2E_STORE_URL).toBeUndefined();
		expect(env.DATABASE_URL).toBe('');
	});

	it('names a database of the run’s own on the server, and points every process of the run at it', () => {
		const env: NodeJS.ProcessEnv = { DATABASE_URL: 'postgres://carto:secret@db.example:5432/carto' };
		resolveRunStore(env);
		const run = new URL(env.E2E_STORE_URL!);
		expect(run.host).toBe('db.example:5432');
		expect(run.password).toBe('secret');
		expect(run.pathname).toMatch(new RegExp(`^/carto_e2e_\\d{14}_${process.pid}$`));
		expect(env.DATABASE_URL).toBe(env.E2E_STORE_URL);
		expect(env.E2E_DATABASE_URL).toBe('postgres://carto:secret@db.example:5432/carto');
		// The workers load the configuration again: the runner's decision holds.
		const decided = { ...env };
		resolveRunStore(env);
		expect(env).toEqual(decided);
	});

	it('prefers E2E_DATABASE_URL, and takes the prefix given', () => {
		const env: NodeJS.ProcessEnv = {
			E2E_DATABASE_URL: 'postgres://carto@127.0.0.1:55432/postgres',
			DATABASE_URL: 'postgres://carto@other:5432/carto',
			E2E_DATABASE_PREFIX: 'e2epg'
		};
		resolveRunStore(env);
		expect(env.E2E_STORE_URL).toMatch(/^postgres:\/\/carto@127\.0\.0\.1:55432\/e2epg_\d{14}_\d+$/);
		expect(() => resolveRunStore({ DATABASE_URL: 'postgres://h/db', E2E_DATABASE_PREFIX: 'E2E-x' })).toThrow(
			/E2E_DATABASE_PREFIX « E2E-x »/
		);
	});

	it('with E2E_STORE=postgres, takes the unit tests’ server, and refuses to run without one', () => {
		const env: NodeJS.ProcessEnv = {
			E2E_STORE: 'postgres',
			TEST_DATABASE_URL: 'postgres://carto@127.0.0.1:55432/postgres'
		};
		resolveRunStore(env);
		expect(env.E2E_STORE_URL).toMatch(/^postgres:\/\/carto@127\.0\.0\.1:55432\/carto_e2e_/);
		expect(() => resolveRunStore({ E2E_STORE: 'postgres' })).toThrow(/aucun serveur PostgreSQL/);
		// Without E2E_STORE, the unit tests' server is not taken: the run stays on SQLite.
		const plain: NodeJS.ProcessEnv = { TEST_DATABASE_URL: 'postgres://carto@127.0.0.1:55432/postgres' };
		resolveRunStore(plain);
		expect(plain.E2E_STORE_URL).toBeUndefined();
	});
});
