/**
 * The browser tests' large store: synthetic records only (marked synthetic, src/lib/bench/synthetic.ts) on
 * the reference geography of data/, served by the built server with the map's threshold lowered, so the
 * explorer runs as it does at national scale (server clusters, server list) in a store that builds in seconds.
 *
 *   node --import tsx scripts/e2e-scale-server.ts <port> [records] [threshold]
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { syntheticRecords } from '../src/lib/bench/synthetic';
import type { Initiative, Organisation } from '../src/lib/domain/records';
import { migrate, openDatabase } from '../src/lib/server/db/connection';
import { seedIfEmpty } from '../src/lib/server/db/seed';
import { loadDataset } from '../src/lib/server/seed/read-data';

const [port, records = '5000', threshold = '2000'] = process.argv.slice(2);
const path = join(tmpdir(), `carto-ess-e2e-scale-${port}.sqlite`);
for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
const { dataset, issues } = loadDataset('data');
if (issues.length) throw new Error('data/ invalide : lancez npm run data:check');
const synthetic = syntheticRecords(Number(records), dataset, { organisations: 0.6, initiatives: 0.4 });
const db = openDatabase(path);
migrate(db);
seedIfEmpty(db, {
	...dataset,
	organisations: synthetic.filter((r): r is Organisation => r.kind === 'organisation'),
	initiatives: synthetic.filter((r): r is Initiative => r.kind === 'initiative'),
	fundingTools: []
});
db.close();
const child = spawn(process.execPath, ['server.js'], {
	stdio: 'inherit',
	env: {
		...process.env,
		PORT: port,
		HOST: '127.0.0.1',
		ORIGIN: `http://127.0.0.1:${port}`,
		PUBLIC_SITE_URL: `http://127.0.0.1:${port}`,
		DATABASE_PATH: path,
		SEED_ON_START: 'false',
		PUBLIC_BASEMAP: 'offline',
		MAP_TILES_MIN: threshold,
		// The journeys go through the cluster worker as at national scale (the unfiltered index, the
		// common filters and a large filter), not only through the thread's build for small selections.
		MAP_WORKER_MIN: '1000',
		REBUILD_INLINE_MAX: '100000'
	}
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
