/**
 * kill -9 of an instance during an import, on PostgreSQL with two instances: an editor starts the import's
 * apply on A, A dies while its transaction is writing, and the database is as before the import. B, which
 * the proxy now sends the editor to, says the import was interrupted once A's heartbeat has been silent
 * long enough, and lets the editor run it again to the end. Skipped without TEST_DATABASE_URL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { IMPORT_SILENCE_MS } from '../src/lib/server/db/admin';
import { postgresClient, type SqlClient } from '../src/lib/server/db/sql';
import {
	anotherTransactionWriting,
	freshPostgresDatabase,
	importFootprint,
	POSTGRES_SKIP_REASON,
	TEST_DATABASE_URL
} from '../src/lib/server/db/test-postgres';
import { logIn, newClient } from './http';
import { createAdmin, startServer, type RunningServer } from './server-process';

const ROWS = 3000;
const HEADERS = ['Nom de la structure', 'Activité', 'Ville', 'Quartier', 'ESS ?', 'Mis à jour le'];
const MAPPING = ['name', 'description', 'communeCode', 'quartierCode', 'isEss', 'lastVerified'];

describe.skipIf(!TEST_DATABASE_URL)(
	TEST_DATABASE_URL
		? 'kill -9 of an instance during an import, on PostgreSQL'
		: `kill -9 during an import: ${POSTGRES_SKIP_REASON}`,
	() => {
		let db: Awaited<ReturnType<typeof freshPostgresDatabase>>;
		let a: RunningServer | undefined;
		let b: RunningServer;
		let sql: SqlClient;
		let cookie = '';
		const logs = mkdtempSync(join(tmpdir(), 'carto-pg-import-kill-'));

		beforeAll(async () => {
			db = await freshPostgresDatabase();
			const admin = inject('admin');
			createAdmin({ DATABASE_URL: db.url }, admin, 'Import');
			const env = {
				DATABASE_URL: db.url,
				ORIGIN: inject('origin'),
				PUBLIC_SITE_URL: inject('origin'),
				PUBLIC_BASEMAP: 'offline',
				GEOCODER_URL: 'http://127.0.0.1:9/geocodage',
				ADDRESS_HEADER: 'x-forwarded-for',
				XFF_DEPTH: '1'
			};
			[a, b] = await Promise.all([
				startServer(env, join(logs, 'a.log'), 120_000),
				startServer(env, join(logs, 'b.log'), 120_000)
			]);
			sql = postgresClient(db.url, { max: 2 });
			cookie = await logIn(admin, a.baseUrl);
		}, 180_000);
		afterAll(async () => {
			await Promise.all([a?.kill(), b?.kill()]);
			await sql?.close();
			await db?.drop();
			rmSync(logs, { recursive: true, force: true });
		});

		const headers = () => ({ cookie, origin: inject('origin'), 'x-forwarded-for': newClient() });
		const post = (server: RunningServer, path: string, body: FormData | URLSearchParams) =>
			fetch(`${server.baseUrl}${path}`, {
				method: 'POST',
				body,
				redirect: 'manual',
				headers: { ...headers(), accept: 'text/html' }
			});
		const status = async (server: RunningServer, id: string) => {
			const res = await fetch(`${server.baseUrl}/admin/import/${id}/progres`, { headers: headers() });
			expect(res.status).toBe(200);
			return (await res.json()) as { status: string; progress: { phase: string } | null };
		};
		const plan = async (server: RunningServer, id: string) => {
			const form = new URLSearchParams({
				columns: String(MAPPING.length),
				'value-roles': 'acteur',
				'source-url': 'https://exemple.org/adherents',
				'source-title': 'Liste des adhérents (synthétique, test)'
			});
			MAPPING.forEach((field, i) => form.set(`map-${i}`, field));
			expect((await post(server, `/admin/import/${id}?/plan`, form)).status).toBe(303);
			await expect.poll(async () => (await status(server, id)).status, { timeout: 60_000 }).toBe('planned');
		};
		const writing = () => anotherTransactionWriting(sql);

		it('leaves the database as before the import; the other instance reports it interrupted and runs it again', async () => {
			const rows = Array.from(
				{ length: ROWS },
				(_, i) => `Structure synthétique ${i};Donnée de test;Strasbourg;;oui;02/11/2026`
			);
			const form = new FormData();
			form.set('kind', 'organisation');
			form.set(
				'file',
				new File([[HEADERS.join(';'), ...rows].join('\n')], 'gros-fichier.csv', { type: 'text/csv' })
			);
			const upload = await post(a!, '/admin/import?/upload', form);
			expect(upload.status).toBe(303);
			const id = /\/admin\/import\/([^/?]+)$/.exec(String(upload.headers.get('location')))![1];
			await plan(a!, id);

			const before = await importFootprint(sql);
			expect((await post(a!, `/admin/import/${id}?/apply`, new URLSearchParams())).status).toBe(303);
			// A dies once its apply is writing rows inside the transaction.
			let killedWhileWriting = false;
			const until = Date.now() + 60_000;
			while (Date.now() < until && !killedWhileWriting) {
				const job = await sql.get<{ status: string }>('SELECT status FROM import_jobs WHERE id = ?', [id]);
				if (job?.status !== 'applying') break;
				if (await writing()) {
					await a!.kill();
					killedWhileWriting = true;
				}
			}
			a = undefined;
			expect(killedWhileWriting, 'l’import s’est terminé avant que l’instance soit tuée').toBe(true);
			// PostgreSQL rolls the dead connection's transaction back once it sees the socket closed.
			await expect.poll(writing, { timeout: 10_000 }).toBe(false);
			expect(await importFootprint(sql)).toEqual(before);

			// Until the heartbeat has been silent for the margin, B cannot tell a dead instance from a slow one.
			expect((await status(b, id)).status).toBe('applying');
			// The margin, passed here by moving the last heartbeat back rather than by waiting for it.
			const silent = new Date(Date.now() - IMPORT_SILENCE_MS - 1000).toISOString();
			await sql.run('UPDATE import_jobs SET updated_at = ? WHERE id = ?', [silent, id]);
			expect((await status(b, id)).status).toBe('failed');
			const page = await fetch(`${b.baseUrl}/admin/import/${id}`, { headers: headers() });
			expect(await page.text()).toContain('interrompu par un redémarrage du serveur : rien n’a été écrit');
			expect(await importFootprint(sql)).toEqual(before);

			// The editor runs the dry run and the apply again, on B: every row is written, once.
			await plan(b, id);
			expect((await post(b, `/admin/import/${id}?/apply`, new URLSearchParams())).status).toBe(303);
			await expect.poll(async () => (await status(b, id)).status, { timeout: 60_000 }).toBe('applied');
			const after = await importFootprint(sql);
			expect(after.records).toBe(before.records + ROWS);
			expect(after.imported).toBe(before.imported + ROWS);
		}, 180_000);
	}
);
