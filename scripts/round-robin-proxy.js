/**
 * A small round-robin HTTP proxy on loopback, standing for the load balancer in front of several instances of
 * the app (scripts/bench-serve.ts runs it in its own process, so its memory and CPU are its own):
 *
 *   node scripts/round-robin-proxy.js <port> <http://127.0.0.1:3001> <http://127.0.0.1:3002> …
 *
 * Each request goes to the next instance in turn, passed through as it came: method, path and query, the
 * headers (Host, Accept-Encoding, cookies…) and the body; the answer comes back with the instance's status,
 * headers and body. Only the hop-by-hop headers (RFC 9110, section 7.6.1), which describe one connection and
 * not the message, stay on their own side. One keep-alive agent per instance reuses its connections, as a
 * production proxy's upstream pool does. An instance that cannot be reached is answered 502.
 *
 * Plain JavaScript with JSDoc types (like server.js): the process runs with no loader, so its RSS is the
 * proxy's alone. On SIGTERM or SIGINT it prints one JSON line, the requests each instance got, and leaves.
 */
import http from 'node:http';
import process from 'node:process';
import { pathToFileURL } from 'node:url';

/** Headers about one connection, not the message: never forwarded (RFC 9110, section 7.6.1). */
const HOP_BY_HOP = new Set([
	'connection',
	'keep-alive',
	'proxy-connection',
	'proxy-authenticate',
	'proxy-authorization',
	'te',
	'trailer',
	'transfer-encoding',
	'upgrade'
]);

/**
 * Raw header pairs without the hop-by-hop ones and those the Connection header names. Raw pairs keep each
 * header's spelling, order and repetitions (several Set-Cookie) as the other side sent them.
 * @param {string[]} raw
 * @returns {string[]}
 */
export function endToEndHeaders(raw) {
	const named = new Set(HOP_BY_HOP);
	for (let i = 0; i < raw.length; i += 2)
		if (raw[i].toLowerCase() === 'connection')
			for (const token of raw[i + 1].split(',')) named.add(token.trim().toLowerCase());
	/** @type {string[]} */
	const kept = [];
	for (let i = 0; i < raw.length; i += 2) if (!named.has(raw[i].toLowerCase())) kept.push(raw[i], raw[i + 1]);
	return kept;
}

/**
 * @typedef {object} RoundRobinProxy
 * @property {http.Server} server
 * @property {number} port
 * @property {number[]} served requests sent to each target, in the targets' order
 * @property {number} failed requests answered 502 because their target could not be reached
 * @property {() => Promise<void>} close
 */

/**
 * Starts the proxy on 127.0.0.1 (`port` 0: any free port).
 * @param {string[]} targets origins of the instances, e.g. `http://127.0.0.1:3001`
 * @param {{ port?: number }} [options]
 * @returns {Promise<RoundRobinProxy>}
 */
export function startRoundRobinProxy(targets, options = {}) {
	if (targets.length === 0) throw new Error('Aucune instance à desservir : donnez au moins une adresse.');
	const upstreams = targets.map((target) => {
		const url = new URL(target);
		if (url.protocol !== 'http:')
			throw new Error(`Instance « ${target} » : seul http:// est pris en charge.`);
		return {
			hostname: url.hostname,
			port: Number(url.port || 80),
			agent: new http.Agent({ keepAlive: true, maxSockets: Infinity })
		};
	});
	/** @type {number[]} */
	const served = targets.map(() => 0);
	let next = 0;
	const state = { failed: 0 };

	const server = http.createServer((req, res) => {
		const i = next;
		next = (next + 1) % upstreams.length;
		served[i]++;
		const up = upstreams[i];
		const forwarded = http.request({
			hostname: up.hostname,
			port: up.port,
			agent: up.agent,
			method: req.method,
			path: req.url,
			headers: endToEndHeaders(req.rawHeaders)
		});
		forwarded.on('response', (answer) => {
			res.writeHead(answer.statusCode ?? 502, answer.statusMessage, endToEndHeaders(answer.rawHeaders));
			answer.pipe(res);
			answer.on('error', () => res.destroy());
		});
		let clientGone = false;
		forwarded.on('error', (e) => {
			// Dropped because the client went away (a load generator closing its connections at the end): not
			// the instance's failure.
			if (clientGone) return;
			state.failed++;
			if (res.headersSent) {
				res.destroy();
				return;
			}
			res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
			res.end(`Instance injoignable (${up.hostname}:${up.port}) : ${e.message}`);
		});
		// A client that goes away mid-request: the instance's request is dropped too.
		res.on('close', () => {
			if (res.writableFinished) return;
			clientGone = true;
			forwarded.destroy();
		});
		req.pipe(forwarded);
	});
	// The same idle timeout as the instances (server.js): a client reusing a connection is not reset under it.
	server.keepAliveTimeout = 65_000;
	server.headersTimeout = 66_000;

	return new Promise((ok, ko) => {
		server.once('error', ko);
		server.listen(options.port ?? 0, '127.0.0.1', () => {
			const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
			ok({
				server,
				port,
				served,
				get failed() {
					return state.failed;
				},
				close: () =>
					new Promise((done) => {
						server.close(() => done());
						server.closeAllConnections();
						for (const up of upstreams) up.agent.destroy();
					})
			});
		});
	});
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	const [port, ...targets] = process.argv.slice(2);
	if (!port || targets.length === 0) {
		console.error(
			'Usage : node scripts/round-robin-proxy.js <port> <http://hôte:port> [<http://hôte:port> …]'
		);
		process.exit(2);
	}
	const proxy = await startRoundRobinProxy(targets, { port: Number(port) });
	console.log(`Listening on http://127.0.0.1:${proxy.port} -> ${targets.join(', ')}`);
	/** @param {NodeJS.Signals} signal */
	const stop = (signal) => {
		console.log(
			JSON.stringify({ proxy: 'round-robin', signal, targets, served: proxy.served, failed: proxy.failed })
		);
		void proxy.close().then(() => process.exit(0));
	};
	process.once('SIGTERM', stop);
	process.once('SIGINT', stop);
}
