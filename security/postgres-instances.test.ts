/**
 * Two instances of the built server over one PostgreSQL database (DATABASE_URL), started at once: the
 * store is migrated and seeded once, both serve the same pages, and a write that reaches the database
 * (here through the store's own functions, as a third instance would) is on both instances' next pages,
 * the map's points and the API, with no cache in between. Skipped without TEST_DATABASE_URL.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getRecordBySlug, updateRecord } from '../src/lib/server/db/records';
import { postgresClient, type SqlClient } from '../src/lib/server/db/sql';
import {
	freshPostgresDatabase,
	POSTGRES_SKIP_REASON,
	TEST_DATABASE_URL
} from '../src/lib/server/db/test-postgres';
import { startServer, type RunningServer } from './server-process';

describe.skipIf(!TEST_DATABASE_URL)(
	TEST_DATABASE_URL ? 'two instances over one PostgreSQL' : `two instances: ${POSTGRES_SKIP_REASON}`,
	() => {
		let db: Awaited<ReturnType<typeof freshPostgresDatabase>>;
		let a: RunningServer;
		let b: RunningServer;
		let sql: SqlClient;
		const logs = mkdtempSync(join(tmpdir(), 'carto-pg-instances-'));

		beforeAll(async () => {
			db = await freshPostgresDatabase();
			const env = { DATABASE_URL: db.url, PUBLIC_BASEMAP: 'offline', PAGE_CACHE_MB: '32' };
			[a, b] = await Promise.all([
				startServer(env, join(logs, 'a.log'), 120_000),
				startServer(env, join(logs, 'b.log'), 120_000)
			]);
			sql = postgresClient(db.url, { max: 2 });
		}, 180_000);
		afterAll(async () => {
			await Promise.all([a?.kill(), b?.kill()]);
			await sql?.close();
			await db?.drop();
		});

		it('seeds the empty database once, and both instances serve it', async () => {
			const seeded = await sql.get<{ n: number }>(
				"SELECT COUNT(*) AS n FROM record_history WHERE action = 'seed' AND record_id = ?",
				['envie-strasbourg']
			);
			expect(seeded?.n).toBe(1);
			for (const server of [a, b]) {
				const page = await fetch(`${server.baseUrl}/structures/envie-strasbourg`);
				expect(page.status).toBe(200);
				expect(await page.text()).toContain('Envie Strasbourg');
			}
		});

		it('shows a write on both instances at once: pages, the map’s points and the API', async () => {
			// Pages read on each instance first: the second read is the page cache's (server.js's fast path,
			// after one read of the data version), the cache a stale page would come from.
			for (const server of [a, b]) {
				await fetch(`${server.baseUrl}/structures/envie-strasbourg`);
				const again = await fetch(`${server.baseUrl}/structures/envie-strasbourg`);
				expect(again.headers.get('x-page-cache')).toBe('hit');
			}
			const stored = (await getRecordBySlug(sql, 'organisation', 'envie-strasbourg'))!;
			const { version, ...record } = stored;
			const renamed = 'Envie Strasbourg (renommée par le test, synthétique)';
			expect(
				await updateRecord(sql, { ...record, name: renamed }, { expectedVersion: version, by: null })
			).toMatchObject({ ok: true });
			for (const server of [a, b]) {
				expect(await (await fetch(`${server.baseUrl}/structures/envie-strasbourg`)).text()).toContain(
					renamed
				);
				expect(await (await fetch(`${server.baseUrl}/carte/points.json`)).text()).toContain(renamed);
				const api = (await (await fetch(`${server.baseUrl}/api/v1/organisations?limit=100`)).json()) as {
					items: { id: string; name: string }[];
				};
				expect(api.items.find((i) => i.id === 'envie-strasbourg')?.name).toBe(renamed);
			}
		}, 60_000);
	}
);
