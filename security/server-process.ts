/**
 * Starting the production server (`node server.js` over build/) for the suites: the shared one of
 * global-setup.ts, and the ones the fault suites start on their own temporary stores to kill or starve.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..');

export function freePort(): Promise<number> {
	return new Promise((ok, ko) => {
		const probe = createServer();
		probe.once('error', ko);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as { port: number };
			probe.close(() => ok(port));
		});
	});
}

async function waitUntilUp(url: string, server: ChildProcess, timeoutMs: number) {
	const until = Date.now() + timeoutMs;
	while (Date.now() < until) {
		if (server.exitCode !== null || server.signalCode !== null)
			throw new Error(`le serveur s'est arrêté (code ${server.exitCode ?? server.signalCode})`);
		try {
			if ((await fetch(url)).ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`le serveur ne répond pas sur ${url} après ${timeoutMs / 1000} s`);
}

export interface RunningServer {
	baseUrl: string;
	process: ChildProcess;
	/** SIGTERM, then SIGKILL after 5 s; resolves once the process is gone. */
	stop(): Promise<void>;
	/** SIGKILL now (a crash, a power cut seen from the process); resolves once the process is gone. */
	kill(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
	return new Promise((done) => {
		if (child.exitCode !== null || child.signalCode !== null) return done();
		child.once('exit', () => done());
	});
}

/**
 * Starts server.js on a free loopback port with `env` over the current environment; its output goes to
 * `logPath`. Resolves once `/` answers.
 */
export async function startServer(
	env: Record<string, string>,
	logPath: string,
	timeoutMs = 60_000
): Promise<RunningServer> {
	const port = await freePort();
	const log = openSync(logPath, 'a');
	const child = spawn(process.execPath, ['server.js'], {
		cwd: ROOT,
		stdio: ['ignore', log, log],
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...env }
	});
	const baseUrl = `http://127.0.0.1:${port}`;
	const running: RunningServer = {
		baseUrl,
		process: child,
		async stop() {
			const gone = exited(child);
			child.kill('SIGTERM');
			const force = setTimeout(() => child.kill('SIGKILL'), 5000);
			await gone;
			clearTimeout(force);
		},
		async kill() {
			const gone = exited(child);
			child.kill('SIGKILL');
			await gone;
		}
	};
	try {
		await waitUntilUp(`${baseUrl}/`, child, timeoutMs);
	} catch (e) {
		await running.kill();
		throw e;
	}
	return running;
}

/**
 * An admin account in the store `store` names (DATABASE_PATH's SQLite file or DATABASE_URL's PostgreSQL),
 * made by `npm run admin:create` as an operator would.
 */
export function createAdmin(
	store: { DATABASE_PATH: string } | { DATABASE_URL: string },
	admin: { email: string; password: string },
	name: string
): void {
	const created = spawnSync(
		process.execPath,
		['--import', 'tsx', 'scripts/admin-create.ts', '--email', admin.email, '--name', name, '--role', 'admin'],
		{ cwd: ROOT, env: { ...process.env, ...store, ADMIN_PASSWORD: admin.password } }
	);
	if (created.status !== 0) throw new Error(`admin:create a échoué : ${created.stderr}`);
}
