import { dropRunDatabase } from './run-database';

/** Drops the run's PostgreSQL database, if the run has one (e2e/run-database.ts). */
export default async function globalTeardown() {
	const name = await dropRunDatabase();
	if (name) console.log(`[e2e] base PostgreSQL ${name} supprimée`);
}
