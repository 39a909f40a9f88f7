/**
 * The security headers every response carries, in one place for the two layers that send responses: the
 * SvelteKit hook (pages, endpoints) and `server.js` (static files, adapter-node's own redirects, responses
 * the hook never sees). Plain JavaScript with JSDoc types because `server.js` imports it with no build step.
 */

const YEAR_S = 365 * 24 * 3600;

/**
 * HSTS only when the site is known to be served over https (ORIGIN for adapter-node, or PUBLIC_SITE_URL): sent
 * over plain http it would be ignored, and sent by a site that is not on https it would lock visitors out.
 * `includeSubDomains` is left out: the operator's other subdomains are not ours to force onto https.
 * @param {{ ORIGIN?: string; PUBLIC_SITE_URL?: string }} env
 */
export function servedOverHttps(env) {
	return [env.ORIGIN, env.PUBLIC_SITE_URL].some(
		(u) => typeof u === 'string' && /^https:\/\//i.test(u.trim())
	);
}

/**
 * Where partners' sites may frame us: the embeds (`route.embedMap`, `route.embedQuartier` in links.ts build
 * their addresses under this prefix; links.test.ts checks they stay there). Every other response keeps
 * refusing framing (X-Frame-Options, CSP frame-ancestors 'self').
 */
export const EMBED_PREFIX = '/embed';
/**
 * The embeds in German and English (`/de/embed/…`): server.js answers static files before SvelteKit and
 * imports this plain file, so the prefixes are spelled here; security-headers.test.ts checks them against
 * the site's languages.
 */
const EMBED_IN_LANGUAGE = new RegExp(`^/(?:de|en)${EMBED_PREFIX}/`);

/**
 * @param {string} pathname
 * @returns {boolean}
 */
export function framingAllowed(pathname) {
	return pathname.startsWith(`${EMBED_PREFIX}/`) || EMBED_IN_LANGUAGE.test(pathname);
}

/**
 * @param {{ ORIGIN?: string; PUBLIC_SITE_URL?: string }} env
 * @returns {Record<string, string>}
 */
export function securityHeaders(env) {
	/** @type {Record<string, string>} */
	const headers = {
		'x-content-type-options': 'nosniff',
		// Kept beside CSP's frame-ancestors for browsers that only know this one.
		'x-frame-options': 'SAMEORIGIN',
		'referrer-policy': 'strict-origin-when-cross-origin',
		// "Autour de moi" asks for the position on our own pages; nothing else is ever needed.
		'permissions-policy': 'camera=(), microphone=(), payment=(), usb=(), geolocation=(self)'
	};
	if (servedOverHttps(env)) headers['strict-transport-security'] = `max-age=${YEAR_S}`;
	return headers;
}

/**
 * Content types adapter-node's static server does not know (it sends an empty one): MapLibre's glyph PBFs,
 * served as they are or from their `.pbf.gz` copy with `content-encoding: gzip`.
 * @param {string} pathname
 * @returns {string | undefined}
 */
export function staticContentType(pathname) {
	return pathname.endsWith('.pbf') ? 'application/x-protobuf' : undefined;
}
