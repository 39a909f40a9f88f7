/**
 * The store a browser test run works on, fresh for each run as the tests expect (they create accounts,
 * proposals and records, and count what they wrote):
 *
 * - by default a new SQLite file in the temporary directory (E2E_DATABASE_PATH);
 * - with E2E_DATABASE_URL (or DATABASE_URL; with E2E_STORE=postgres, TEST_DATABASE_URL too) naming a
 *   PostgreSQL server, a new database on that server, named `<E2E_DATABASE_PREFIX>_<time>_<process>`,
 *   created just before the app under test starts and dropped when the run ends (e2e/global-teardown.ts). The database in the URL is only where the run
 *   connects to create and drop its own (as TEST_DATABASE_URL): nothing is written into it.
 *
 * `resolveRunStore` runs when playwright.config.ts loads, in the runner and again in each worker; the
 * runner decides and records the decision in the environment, which the workers, the web servers and the
 * scripts the tests start inherit: E2E_STORE_URL is the run's database, and DATABASE_URL is set to it, so
 * nothing started by the run can reach the database the URL named.
 */
import pg from 'pg';

/** PostgreSQL identifiers the run creates: letters, digits and underscores, no quoting needed. */
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

const isPostgres = (url: string | undefined): url is string => !!url && /^postgres(ql)?:\/\//.test(url);

export function resolveRunStore(env: NodeJS.ProcessEnv = process.env): void {
	if (env.E2E_STORE_URL) return;
	// E2E_STORE=postgres (npm run test:e2e:postgres) insists on PostgreSQL, and also takes the server the
	// unit tests use (TEST_DATABASE_URL, which .ci/postgres.sh exports).
	const required = env.E2E_STORE === 'postgres';
	const server = [env.E2E_DATABASE_URL, env.DATABASE_URL, required ? env.TEST_DATABASE_URL : undefined].find(
		isPostgres
	);
	if (!server) {
		if (required)
			throw new Error(
				'E2E_STORE=postgres : aucun serveur PostgreSQL indiqué (E2E_DATABASE_URL, DATABASE_URL ou TEST_DATABASE_URL ; voir .ci/postgres.sh)'
			);
		return;
	}
	const prefix = env.E2E_DATABASE_PREFIX || 'carto_e2e';
	if (!IDENTIFIER.test(prefix))
		throw new Error(
			`E2E_DATABASE_PREFIX « ${prefix} » : lettres minuscules, chiffres et _ seulement (nom de base PostgreSQL)`
		);
	const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
	const url = new URL(server);
	url.pathname = `/${prefix}_${stamp}_${process.pid}`;
	env.E2E_DATABASE_URL = server;
	env.E2E_STORE_URL = url.toString();
	env.DATABASE_URL = env.E2E_STORE_URL;
}

/** The run's PostgreSQL database: its name, and the server connection it is created and dropped through. */
function runDatabase(env: NodeJS.ProcessEnv = process.env): { name: string; server: string } | undefined {
	if (!env.E2E_STORE_URL || !env.E2E_DATABASE_URL) return undefined;
	const name = decodeURIComponent(new URL(env.E2E_STORE_URL).pathname.slice(1));
	if (!IDENTIFIER.test(name)) throw new Error(`base de test inattendue : « ${name} »`);
	return { name, server: env.E2E_DATABASE_URL };
}

async function onServer(server: string, statement: string): Promise<void> {
	const client = new pg.Client({ connectionString: server });
	await client.connect();
	try {
		await client.query(statement);
	} finally {
		await client.end();
	}
}

/** Creates the run's empty database (the app migrates and seeds it at start). */
export async function createRunDatabase(): Promise<string | undefined> {
	const db = runDatabase();
	if (!db) return undefined;
	await onServer(db.server, `CREATE DATABASE ${db.name}`);
	return db.name;
}

/** Drops the run's database, even while the app under test is still connected to it. */
export async function dropRunDatabase(): Promise<string | undefined> {
	const db = runDatabase();
	if (!db) return undefined;
	await onServer(db.server, `DROP DATABASE IF EXISTS ${db.name} WITH (FORCE)`);
	return db.name;
}

/**
 * Another database on the run's server, for a test whose writes must stay out of the run's store: named after
 * the run's with `suffix`, created empty, and dropped by `drop`. Undefined when the run is on SQLite.
 */
export async function createSideDatabase(
	suffix: string
): Promise<{ url: string; drop: () => Promise<void> } | undefined> {
	const db = runDatabase();
	if (!db) return undefined;
	const name = `${db.name}_${suffix}`;
	if (!IDENTIFIER.test(name)) throw new Error(`nom de base inattendu : « ${name} »`);
	await onServer(db.server, `CREATE DATABASE ${name}`);
	const url = new URL(process.env.E2E_STORE_URL!);
	url.pathname = `/${name}`;
	return {
		url: url.toString(),
		drop: () => onServer(db.server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
	};
}
