#!/usr/bin/env node
/**
 * The production server: adapter-node's request handler (`build/handler.js`) inside a plain node:http server.
 *
 * adapter-node's own entry (`node build`) serves static files (`/_app/*`, `/glyphs/*`) and its trailing-slash
 * redirects without going through the SvelteKit hook, so they lacked the security headers, and glyph PBFs had
 * an empty content type. Here every response starts with the headers of `security-headers.js`; the hook sets
 * the same ones (and the CSP) on pages. Configuration is adapter-node's: PORT, HOST, ORIGIN, ADDRESS_HEADER,
 * XFF_DEPTH, BODY_SIZE_LIMIT, SHUTDOWN_TIMEOUT, KEEP_ALIVE_TIMEOUT, HEADERS_TIMEOUT; BUILD_DIR names the build.
 *
 * Run with `node server.js` after `npm run build`.
 */
import http from 'node:http';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import process from 'node:process';
import { pathToFileURL } from 'node:url';
import { framingAllowed, securityHeaders, staticContentType } from './src/lib/server/security-headers.js';

const buildDir = resolve(process.env.BUILD_DIR ?? 'build');
const handlerFile = resolve(buildDir, 'handler.js');
if (!existsSync(handlerFile)) {
	console.error(`Pas de build dans ${buildDir} : lancez d'abord « npm run build ».`);
	process.exit(1);
}
/** @type {{ handler: (req: http.IncomingMessage, res: http.ServerResponse, next?: () => void) => void }} */
const { handler } = await import(pathToFileURL(handlerFile).href);

const headers = Object.entries(securityHeaders(process.env));
/**
 * The page cache's lookup, published by the SvelteKit hook (src/lib/server/page-cache.ts, FAST_PATH): a
 * public page already rendered for this data version is sent from here, without SvelteKit building its
 * Request, event and Response for it. Any other request, and every miss, goes to the handler.
 * @type {symbol}
 */
const FAST_PATH = Symbol.for('carto-ess.page-cache.lookup');

/**
 * @param {http.IncomingMessage} req
 * @param {http.ServerResponse} res
 */
function answerFromCache(req, res) {
	/** @type {unknown} */
	const lookup = /** @type {Record<symbol, unknown>} */ (globalThis)[FAST_PATH];
	if (typeof lookup !== 'function') return false;
	let hit;
	try {
		hit = lookup(req.method, req.url, req.headers);
	} catch (e) {
		// The cache is an optimisation: if it fails, SvelteKit answers (and logs what goes wrong there).
		console.error('[cache] lecture impossible', e);
		return false;
	}
	if (!hit) return false;
	if (typeof hit.then === 'function') {
		// PostgreSQL: the data version is read over the network first. A miss, or a failed read, goes to
		// SvelteKit as any other request (which reports a store that cannot be reached).
		hit.then(
			(found) => (found ? send(res, found) : handler(req, res)),
			() => handler(req, res)
		);
		return true;
	}
	send(res, hit);
	return true;
}

/**
 * @param {http.ServerResponse} res
 * @param {{ status: number; headers: [string, string][]; body: Uint8Array | null }} hit
 */
function send(res, hit) {
	/** @type {[string, string][]} */
	const entries = hit.headers;
	for (const [name, value] of entries) res.setHeader(name, value);
	if (hit.body) res.setHeader('content-length', hit.body.byteLength);
	res.writeHead(hit.status);
	res.end(hit.body ?? undefined);
}
const host = process.env.HOST ?? '0.0.0.0';
const port = Number(process.env.PORT ?? '3000');

const server = http.createServer((req, res) => {
	// Set before the handler runs: adapter-node's static server and SvelteKit's responses write their own
	// headers on top, so a page's (same) values win and a static file keeps these.
	for (const [name, value] of headers) res.setHeader(name, value);
	const pathname = (req.url ?? '/').split('?')[0];
	// Embeds are framed by partners' sites: X-Frame-Options has no "anyone" value, so it is left out there.
	if (framingAllowed(pathname)) res.removeHeader('x-frame-options');
	const type = staticContentType(pathname);
	if (type) res.setHeader('content-type', type);
	if (pathname.startsWith('/glyphs/')) res.setHeader('cache-control', 'public, max-age=86400');
	if (answerFromCache(req, res)) return;
	handler(req, res);
});

/** @param {string | undefined} value */
const seconds = (value) => (value ? Number(value) * 1000 : undefined);
// Node closes an idle keep-alive connection after 5 s, and a client (a reverse proxy, a browser, a test's
// request context) that reuses it at that moment gets ECONNRESET. 65 s outlasts the usual 60 s idle time of
// proxies and browsers' pools; KEEP_ALIVE_TIMEOUT overrides it. Headers must be allowed a little longer.
const keepAlive = seconds(process.env.KEEP_ALIVE_TIMEOUT) ?? 65_000;
server.keepAliveTimeout = keepAlive;
server.headersTimeout = seconds(process.env.HEADERS_TIMEOUT) ?? keepAlive + 1000;

server.listen(port, host, () => console.log(`Listening on http://${host}:${port}`));

// Like adapter-node: stop accepting, let requests in flight finish, then leave (forced after SHUTDOWN_TIMEOUT s).
/** @param {NodeJS.Signals} signal */
function shutdown(signal) {
	server.close(() => {
		process.emit('sveltekit:shutdown', signal);
		process.exit(0);
	});
	server.closeIdleConnections();
	setTimeout(() => server.closeAllConnections(), Number(process.env.SHUTDOWN_TIMEOUT ?? '30') * 1000).unref();
}
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
