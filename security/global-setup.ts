/**
 * Starts what the security suites attack: the production server (`node server.js` over build/) on a free
 * loopback port, with a fresh database seeded from data/, one admin account, and the geocoder stub. The
 * server trusts X-Forwarded-For (ADDRESS_HEADER) so each test can play its own client; ORIGIN is https so
 * HSTS is on. Its output goes to a log file the suites read (what is logged is part of the contract).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startGeocoderStub } from './geocoder-stub';

export const ORIGIN = 'https://carto-ess.test';
export const ADMIN = { email: 'securite@example.org', password: 'un mot de passe de test assez long' };

declare module 'vitest' {
	export interface ProvidedContext {
		baseUrl: string;
		origin: string;
		databasePath: string;
		logPath: string;
		geocoderUrl: string;
		admin: { email: string; password: string };
	}
}

function freePort(): Promise<number> {
	return new Promise((ok, ko) => {
		const probe = createServer();
		probe.once('error', ko);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as { port: number };
			probe.close(() => ok(port));
		});
	});
}

async function waitUntilUp(url: string, server: ChildProcess, timeoutMs = 60_000) {
	const until = Date.now() + timeoutMs;
	while (Date.now() < until) {
		if (server.exitCode !== null) throw new Error(`le serveur s'est arrêté (code ${server.exitCode})`);
		try {
			if ((await fetch(url)).ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error(`le serveur ne répond pas sur ${url} après ${timeoutMs / 1000} s`);
}

export default async function setup(project: TestProject) {
	const root = resolve(import.meta.dirname, '..');
	const build = resolve(root, process.env.BUILD_DIR ?? 'build');
	if (!existsSync(join(build, 'handler.js')))
		throw new Error(`Pas de build dans ${build} : lancez « npm run build » avant « npm run test:security ».`);

	const dir = mkdtempSync(join(tmpdir(), 'carto-ess-security-'));
	const databasePath = join(dir, 'carto-ess.sqlite');
	const logPath = join(dir, 'server.log');
	const geocoder = await startGeocoderStub();

	const created = spawnSync(
		process.execPath,
		[
			'--import',
			'tsx',
			'scripts/admin-create.ts',
			'--email',
			ADMIN.email,
			'--name',
			'Test Sécurité',
			'--role',
			'admin'
		],
		{ cwd: root, env: { ...process.env, DATABASE_PATH: databasePath, ADMIN_PASSWORD: ADMIN.password } }
	);
	if (created.status !== 0) throw new Error(`admin:create a échoué : ${created.stderr}`);

	const port = await freePort();
	const log = openSync(logPath, 'a');
	const server = spawn(process.execPath, ['server.js'], {
		cwd: root,
		stdio: ['ignore', log, log],
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN,
			PUBLIC_SITE_URL: ORIGIN,
			DATABASE_PATH: databasePath,
			PUBLIC_BASEMAP: 'ign',
			GEOCODER_URL: geocoder.url,
			ADDRESS_HEADER: 'x-forwarded-for',
			XFF_DEPTH: '1'
		}
	});
	const baseUrl = `http://127.0.0.1:${port}`;
	try {
		await waitUntilUp(`${baseUrl}/`, server);
	} catch (e) {
		server.kill('SIGKILL');
		await geocoder.close();
		throw e;
	}

	project.provide('baseUrl', baseUrl);
	project.provide('origin', ORIGIN);
	project.provide('databasePath', databasePath);
	project.provide('logPath', logPath);
	project.provide('geocoderUrl', geocoder.url);
	project.provide('admin', ADMIN);

	return async () => {
		await new Promise<void>((done) => {
			if (server.exitCode !== null) return done();
			server.once('exit', () => done());
			server.kill('SIGTERM');
			setTimeout(() => server.kill('SIGKILL'), 5000).unref();
		});
		await geocoder.close();
		rmSync(dir, { recursive: true, force: true });
	};
}
