/**
 * SIGTERM (a deployment's stop, a container's end): server.js stops accepting, lets what is in flight end,
 * closes idle keep-alive connections and exits 0 within seconds, not at the end of SHUTDOWN_TIMEOUT. Sent
 * to `npm run serve` (what a process manager started), it reaches the server too: npm signals the shell it
 * runs the script in, which exec's node rather than leaving it running, orphaned, on its port.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import { connect } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, ROOT, startServer } from './server-process';

const dir = mkdtempSync(join(tmpdir(), 'carto-ess-shutdown-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A server started by `command` on a free port with its own store, and a wait until it answers. */
async function spawnOnPort(command: string, args: string[], store: string, env: Record<string, string> = {}) {
	const port = await freePort();
	const child = spawn(command, args, {
		cwd: ROOT,
		stdio: 'ignore',
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			DATABASE_PATH: join(dir, store),
			PUBLIC_BASEMAP: 'offline',
			...env
		}
	});
	const status = () =>
		fetch(`http://127.0.0.1:${port}/`).then(
			(r) => r.status,
			() => 0
		);
	try {
		await expect.poll(status, { timeout: 60_000, interval: 250 }).toBe(200);
	} catch (e) {
		child.kill('SIGKILL');
		throw e;
	}
	return { port, child };
}

describe('SIGTERM', () => {
	it('exits 0 within seconds, though a client keeps an idle connection open', async () => {
		const server = await startServer(
			{ DATABASE_PATH: join(dir, 'store.sqlite'), PUBLIC_BASEMAP: 'offline', SHUTDOWN_TIMEOUT: '60' },
			join(dir, 'server.log')
		);
		const agent = new http.Agent({ keepAlive: true });
		try {
			// A page, then its connection left open in the agent's pool, as a browser or a proxy does.
			const status = await new Promise<number>((done, fail) =>
				http
					.get(`${server.baseUrl}/annuaire`, { agent }, (res) => {
						res.resume();
						res.on('end', () => done(res.statusCode ?? 0));
					})
					.on('error', fail)
			);
			expect(status).toBe(200);
			const exited = new Promise<{ code: number | null; ms: number }>((done) => {
				const from = Date.now();
				server.process.once('exit', (code) => done({ code, ms: Date.now() - from }));
			});
			server.process.kill('SIGTERM');
			const { code, ms } = await exited;
			expect(code).toBe(0);
			expect(ms).toBeLessThan(10_000);
		} finally {
			agent.destroy();
			await server.kill();
		}
	}, 90_000);

	it('stops adapter-node’s own entry too (node build), though its timers and worker would keep it up', async () => {
		// The map's clusters built in their worker thread, as on a large store.
		const { child } = await spawnOnPort(process.execPath, ['build'], 'build.sqlite', {
			MAP_TILES_MIN: '1',
			MAP_WORKER_MIN: '1'
		});
		try {
			const exited = new Promise<{ code: number | null; ms: number }>((done) => {
				const from = Date.now();
				child.once('exit', (code) => done({ code, ms: Date.now() - from }));
			});
			child.kill('SIGTERM');
			const { code, ms } = await exited;
			expect(code).toBe(0);
			expect(ms).toBeLessThan(10_000);
		} finally {
			child.kill('SIGKILL');
		}
	}, 90_000);

	it('sent to npm run serve, stops the server itself', async () => {
		const { port, child: npm } = await spawnOnPort('npm', ['run', '--silent', 'serve'], 'npm.sqlite');
		const listening = () =>
			new Promise<boolean>((done) => {
				const socket = connect(port, '127.0.0.1');
				socket.once('connect', () => (socket.destroy(), done(true)));
				socket.once('error', () => done(false));
			});
		try {
			npm.kill('SIGTERM');
			await expect.poll(listening, { timeout: 10_000, interval: 200 }).toBe(false);
		} finally {
			npm.kill('SIGKILL');
		}
	}, 90_000);
});
