/**
 * Starts what the security suites attack: the production server (`node server.js` over build/) on a free
 * loopback port, with a fresh database seeded from data/, one admin account, and the geocoder stub. The
 * server trusts X-Forwarded-For (ADDRESS_HEADER) so each test can play its own client; ORIGIN is https so
 * HSTS is on. Its output goes to a log file the suites read (what is logged is part of the contract).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startGeocoderStub } from './geocoder-stub';
import { createAdmin, ROOT, startServer, type RunningServer } from './server-process';

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

export default async function setup(project: TestProject) {
	const root = ROOT;
	const build = resolve(root, process.env.BUILD_DIR ?? 'build');
	if (!existsSync(join(build, 'handler.js')))
		throw new Error(`Pas de build dans ${build} : lancez « npm run build » avant « npm run test:security ».`);

	const dir = mkdtempSync(join(tmpdir(), 'carto-ess-security-'));
	const databasePath = join(dir, 'carto-ess.sqlite');
	const logPath = join(dir, 'server.log');
	const geocoder = await startGeocoderStub();

	createAdmin({ DATABASE_PATH: databasePath }, ADMIN, 'Test Sécurité');

	let server: RunningServer;
	try {
		server = await startServer(
			{
				ORIGIN,
				PUBLIC_SITE_URL: ORIGIN,
				DATABASE_PATH: databasePath,
				PUBLIC_BASEMAP: 'ign',
				GEOCODER_URL: geocoder.url,
				ADDRESS_HEADER: 'x-forwarded-for',
				XFF_DEPTH: '1'
			},
			logPath
		);
	} catch (e) {
		await geocoder.close();
		throw e;
	}
	const baseUrl = server.baseUrl;

	project.provide('baseUrl', baseUrl);
	project.provide('origin', ORIGIN);
	project.provide('databasePath', databasePath);
	project.provide('logPath', logPath);
	project.provide('geocoderUrl', geocoder.url);
	project.provide('admin', ADMIN);

	return async () => {
		await server.stop();
		await geocoder.close();
		rmSync(dir, { recursive: true, force: true });
	};
}
