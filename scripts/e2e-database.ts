/**
 * Creates or drops the PostgreSQL database of a browser test run (e2e/run-database.ts), as named by
 * E2E_STORE_URL, which playwright.config.ts sets. The app's web server runs `create` just before it starts.
 *
 *   node --import tsx scripts/e2e-database.ts create|drop
 */
import { createRunDatabase, dropRunDatabase } from '../e2e/run-database';

const action = process.argv[2];
if (action !== 'create' && action !== 'drop') {
	console.error('usage : node --import tsx scripts/e2e-database.ts create|drop');
	process.exit(2);
}
try {
	const name = action === 'create' ? await createRunDatabase() : await dropRunDatabase();
	if (!name) {
		console.error('E2E_STORE_URL absent : aucune base PostgreSQL de test à créer ou supprimer');
		process.exit(1);
	}
	console.log(`[e2e] base PostgreSQL ${name} ${action === 'create' ? 'créée' : 'supprimée'}`);
} catch (e) {
	console.error(`[e2e] base PostgreSQL : ${(e as Error).message}`);
	process.exit(1);
}
