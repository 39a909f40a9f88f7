import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endToEndHeaders, startRoundRobinProxy, type RoundRobinProxy } from './round-robin-proxy.js';

/** An instance that answers with its name, what it received, a status from the path and two cookies. */
function instance(name: string): Promise<http.Server> {
	const server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (c: Buffer) => (body += c.toString()));
		req.on('end', () => {
			const status = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('status') ?? 200);
			res.writeHead(status, [
				'Content-Type',
				'application/json',
				'Set-Cookie',
				'a=1',
				'Set-Cookie',
				'b=2',
				'Connection',
				'keep-alive, x-hop',
				'X-Hop',
				'per-connection'
			]);
			res.end(JSON.stringify({ name, method: req.method, url: req.url, headers: req.headers, body }));
		});
	});
	return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

const origin = (s: http.Server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`;

describe('round-robin proxy', () => {
	let instances: http.Server[];
	let proxy: RoundRobinProxy;
	let base: string;

	beforeAll(async () => {
		instances = await Promise.all(['a', 'b', 'c'].map(instance));
		proxy = await startRoundRobinProxy(instances.map(origin));
		base = `http://127.0.0.1:${proxy.port}`;
	});
	afterAll(async () => {
		await proxy.close();
		await Promise.all(instances.map((s) => new Promise((ok) => s.close(ok))));
	});

	it('sends each request to the next instance in turn', async () => {
		const names: string[] = [];
		for (let i = 0; i < 7; i++)
			names.push(((await (await fetch(`${base}/p${i}`)).json()) as { name: string }).name);
		expect(names).toEqual(['a', 'b', 'c', 'a', 'b', 'c', 'a']);
		expect(proxy.served).toEqual([3, 2, 2]);
	});

	it('passes the request and the answer through unchanged', async () => {
		const res = await fetch(`${base}/annuaire?q=v%C3%A9lo&status=418`, {
			method: 'POST',
			headers: { 'accept-encoding': 'gzip', accept: 'text/html', cookie: 's=x', 'x-custom': 'un deux' },
			body: 'corps=1'
		});
		expect(res.status).toBe(418);
		expect(res.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
		// The instance's hop-by-hop header (named by its Connection header) stays on its side.
		expect(res.headers.get('x-hop')).toBeNull();
		const seen = (await res.json()) as {
			method: string;
			url: string;
			headers: Record<string, string>;
			body: string;
		};
		expect(seen.method).toBe('POST');
		expect(seen.url).toBe('/annuaire?q=v%C3%A9lo&status=418');
		expect(seen.body).toBe('corps=1');
		expect(seen.headers).toMatchObject({
			host: `127.0.0.1:${proxy.port}`,
			'accept-encoding': 'gzip',
			accept: 'text/html',
			cookie: 's=x',
			'x-custom': 'un deux'
		});
	});

	it('answers 502 in French when an instance cannot be reached, and goes on with the others', async () => {
		const gone = await instance('parti');
		const url = origin(gone);
		await new Promise((ok) => gone.close(ok));
		const live = await instance('vivant');
		const p = await startRoundRobinProxy([url, origin(live)]);
		try {
			const first = await fetch(`http://127.0.0.1:${p.port}/`);
			expect(first.status).toBe(502);
			expect(await first.text()).toMatch(/^Instance injoignable/);
			const second = await fetch(`http://127.0.0.1:${p.port}/`);
			expect(((await second.json()) as { name: string }).name).toBe('vivant');
			expect(p.failed).toBe(1);
		} finally {
			await p.close();
			await new Promise((ok) => live.close(ok));
		}
	});
});

describe('a client that goes away', () => {
	it('drops its request to the instance and is not counted as the instance failing', async () => {
		let closed!: () => void;
		const instanceSawClose = new Promise<void>((ok) => (closed = ok));
		const slow = http.createServer((req, res) => {
			res.on('close', closed);
			setTimeout(() => res.end('tard'), 5_000).unref();
		});
		await new Promise<void>((ok) => slow.listen(0, '127.0.0.1', ok));
		const p = await startRoundRobinProxy([origin(slow)]);
		try {
			// A raw connection closed before the answer, as a load generator closes its own when it stops.
			const client = net.connect(p.port, '127.0.0.1', () => {
				client.write('GET / HTTP/1.1\r\nHost: proxy\r\n\r\n');
				setTimeout(() => client.destroy(), 100);
			});
			await instanceSawClose;
			await new Promise((ok) => setTimeout(ok, 50));
			expect(p.served).toEqual([1]);
			expect(p.failed).toBe(0);
		} finally {
			await p.close();
			await new Promise((ok) => slow.close(ok));
		}
	});
});

describe('endToEndHeaders', () => {
	it('drops hop-by-hop headers and those Connection names, keeps the rest in order', () => {
		expect(
			endToEndHeaders([
				'Host',
				'h',
				'Connection',
				'Keep-Alive, X-Trace',
				'Keep-Alive',
				'timeout=5',
				'X-Trace',
				'1',
				'Transfer-Encoding',
				'chunked',
				'Set-Cookie',
				'a=1',
				'Set-Cookie',
				'b=2'
			])
		).toEqual(['Host', 'h', 'Set-Cookie', 'a=1', 'Set-Cookie', 'b=2']);
	});
});
