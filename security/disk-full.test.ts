/**
 * A full disk during writes. The server runs on its own temporary store capped in size (TEST_DATABASE_MAX_PAGES,
 * SQLite's max_page_count, a hook for tests only), which this suite fills to the last page from its own
 * connection: SQLite then answers the server's writes SQLITE_FULL exactly as on a full disk. A public proposal,
 * an editor's save and an import upload must be answered 507 with a French « Espace disque plein » message,
 * lose nothing already stored, leave reads working, and succeed as soon as space is freed.
 */
import Database from 'better-sqlite3';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { header, logIn, newClient, postForm, raw } from './http';
import { createAdmin, startServer, type RunningServer } from './server-process';

const dir = mkdtempSync(join(tmpdir(), 'carto-ess-disk-full-'));
const databasePath = join(dir, 'carto-ess.sqlite');
const logPath = join(dir, 'server.log');
/** Room left above the seeded store: what the filler takes, and what freeing it gives back. */
const HEADROOM_PAGES = 4000;

let server: RunningServer | undefined;
let cookie = '';
afterAll(async () => {
	await server?.stop();
	rmSync(dir, { recursive: true, force: true });
});

const env = (extra: Record<string, string> = {}) => ({
	ORIGIN: inject('origin'),
	PUBLIC_SITE_URL: inject('origin'),
	DATABASE_PATH: databasePath,
	PUBLIC_BASEMAP: 'offline',
	GEOCODER_URL: 'http://127.0.0.1:9/geocodage',
	ADDRESS_HEADER: 'x-forwarded-for',
	XFF_DEPTH: '1',
	...extra
});

function open() {
	const db = new Database(databasePath, { fileMustExist: true });
	db.pragma('busy_timeout = 5000');
	return db;
}

/** Fills the store to its last page: big rows first, then smaller ones into what is left. */
function fillTheDisk(maxPages: number) {
	const db = open();
	try {
		db.pragma('synchronous = OFF');
		db.pragma(`max_page_count = ${maxPages}`);
		db.exec('CREATE TABLE IF NOT EXISTS disk_filler (b BLOB NOT NULL)');
		const insert = db.prepare('INSERT INTO disk_filler VALUES (zeroblob(?))');
		for (const size of [1 << 20, 64 << 10, 3000, 400, 40]) {
			try {
				for (;;) insert.run(size);
			} catch (e) {
				expect((e as { code?: string }).code).toBe('SQLITE_FULL');
			}
		}
		expect(db.pragma('freelist_count', { simple: true })).toBe(0);
	} finally {
		db.close();
	}
}

function freeSpace() {
	const db = open();
	try {
		db.exec('DELETE FROM disk_filler');
	} finally {
		db.close();
	}
}

/** Everything stored that a failed write must not touch, as one hash. */
function stored(): { hash: string; integrity: string } {
	const db = open();
	try {
		const hash = createHash('sha256');
		for (const sql of [
			'SELECT id, status, payload FROM proposals ORDER BY id',
			'SELECT id, version, data FROM records ORDER BY id',
			'SELECT record_id, version, data FROM record_history ORDER BY record_id, version',
			'SELECT id, status, file_name FROM import_jobs ORDER BY id'
		])
			for (const row of db.prepare(sql).iterate()) hash.update(JSON.stringify(row));
		return { hash: hash.digest('hex'), integrity: db.pragma('integrity_check', { simple: true }) as string };
	} finally {
		db.close();
	}
}

function query<T>(sql: string, ...args: unknown[]): T | undefined {
	const db = open();
	try {
		return db.prepare(sql).get(...args) as T | undefined;
	} finally {
		db.close();
	}
}

const LONG = 'Un texte détaillé comme en écrivent les porteurs de projet, sur plusieurs paragraphes. '.repeat(
	45
);

const proposal = (name: string): [string, string][] => [
	['name', name],
	['description', LONG],
	['initiativeType', 'jardin-partage'],
	['carrierKind', 'collectif-habitants'],
	['needs', 'benevoles'],
	['thematiques', 'initiatives-habitants'],
	['place.zone', '67482:SQ_06'],
	['place.locationMode', 'quartier']
];

/** An editor keeps their version of a record (the conflict screen's « Garder ma version »). */
function saveRecord(id: string) {
	const current = query<{ version: number; data: string }>(
		'SELECT version, data FROM records WHERE id = ?',
		id
	)!;
	const mine = { ...JSON.parse(current.data), description: `${LONG} (${randomUUID()})` };
	return {
		expected: mine.description as string,
		send: () =>
			postForm(
				`/admin/fiches/${id}?/overwrite`,
				[
					['mine', JSON.stringify(mine)],
					['version', String(current.version)]
				],
				newClient(),
				{ cookie },
				server!.baseUrl
			)
	};
}

function uploadImport(fileName: string) {
	const rows = Array.from(
		{ length: 40 },
		(_, i) => `Structure importée ${i};${LONG};acteur;association;oui;67482;https://ex.fr/${i};2026-01-01;low`
	);
	const csv = [
		'name;description;roles;legalForm;isEss;communeCode;sources;lastVerified;confidence',
		...rows
	].join('\n');
	const form = new FormData();
	form.set('kind', 'organisation');
	form.set('file', new File([csv], fileName, { type: 'text/csv' }));
	return fetch(`${server!.baseUrl}/admin/import?/upload`, {
		method: 'POST',
		body: form,
		redirect: 'manual',
		headers: { origin: inject('origin'), cookie, accept: 'text/html', 'x-forwarded-for': newClient() }
	});
}

describe('a full disk during writes', () => {
	let maxPages = 0;
	let recordId = '';

	beforeAll(async () => {
		const admin = inject('admin');
		createAdmin({ DATABASE_PATH: databasePath }, admin, 'Disque');
		// A first start seeds the store; the editor logs in while there is room for the session.
		server = await startServer(env(), logPath);
		cookie = await logIn(admin, server.baseUrl);
		await server.stop();
		const db = open();
		maxPages = (db.pragma('page_count', { simple: true }) as number) + HEADROOM_PAGES;
		db.close();
		server = await startServer(env({ TEST_DATABASE_MAX_PAGES: String(maxPages) }), logPath);
		recordId = query<{ id: string }>(
			"SELECT id FROM records WHERE kind = 'organisation' AND status = 'published' ORDER BY id LIMIT 1"
		)!.id;
	}, 120_000);

	it('answers 507 « Espace disque plein » to each write, keeps what was stored, and writes again once space is freed', async () => {
		fillTheDisk(maxPages);
		const before = stored();
		expect(before.integrity).toBe('ok');

		// A public proposal, from a browser without JavaScript and from the enhanced form.
		const name = `Jardin du disque plein ${randomUUID().slice(0, 8)}`;
		const page = await postForm('/proposer/initiative', proposal(name), newClient(), {}, server!.baseUrl);
		expect(page.status).toBe(507);
		expect(page.body).toContain('Espace disque plein');
		expect(page.body).toContain('rien n’a été enregistré par cette demande');
		expect(header(page, 'cache-control')).toBe('no-store');
		const enhanced = await postForm(
			'/proposer/initiative',
			proposal(name),
			newClient(),
			{ accept: 'application/json', 'x-sveltekit-action': 'true' },
			server!.baseUrl
		);
		expect(enhanced.status).toBe(507);
		expect(JSON.parse(enhanced.body)).toMatchObject({
			type: 'error',
			error: { diskFull: true, message: expect.stringMatching(/^Espace disque plein sur le serveur/) }
		});

		// An editor's save, and an import upload, in the workspace.
		const save = saveRecord(recordId);
		const saved = await save.send();
		expect(saved.status).toBe(507);
		expect(saved.body).toContain('Espace disque plein');
		const upload = await uploadImport('structures.csv');
		expect(upload.status).toBe(507);
		expect(await upload.text()).toContain('Espace disque plein');

		// Reads go on; nothing stored was touched; the operator can find it in the log.
		for (const path of ['/', '/annuaire?q=jardin', '/api/v1/organisations'])
			expect((await raw(path, { base: server!.baseUrl })).status, path).toBe(200);
		expect(stored()).toEqual(before);
		expect(readFileSync(logPath, 'utf8')).toMatch(
			/\[disque plein [0-9a-f]{8}\] POST \/proposer\/initiative : database or disk is full/
		);

		// Space freed: the same writes go through.
		freeSpace();
		const again = await postForm('/proposer/initiative', proposal(name), newClient(), {}, server!.baseUrl);
		expect(again.status).toBe(303);
		expect(query("SELECT 1 FROM proposals WHERE json_extract(payload, '$.name') = ?", name)).toBeDefined();
		const resaved = await save.send();
		expect(resaved.status).toBe(303);
		const record = query<{ data: string }>('SELECT data FROM records WHERE id = ?', recordId)!;
		expect(JSON.parse(record.data).description).toBe(save.expected);
		const reupload = await uploadImport('structures.csv');
		expect(reupload.status).toBe(303);
		expect(query("SELECT 1 FROM import_jobs WHERE file_name = 'structures.csv'")).toBeDefined();
		expect(stored().integrity).toBe('ok');
	}, 60_000);
});
