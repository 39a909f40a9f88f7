/**
 * The Content-Security-Policy's per-request part. SvelteKit writes the policy of `svelte.config.js` (with the
 * hashes of its inline scripts); the basemap's hosts are added here because they depend on the environment
 * (PUBLIC_BASEMAP) and on the page (`?fond=`), which the build cannot know. Only img-src (Leaflet's raster
 * tiles) and connect-src (MapLibre's style, tiles, sprites and glyphs) open to them.
 */
import { BASEMAPS, BASEMAP_CODES, type BasemapCode } from '$lib/domain/map/basemaps';

/** The origins a basemap loads from: its style's and its raster tiles' (both styles use one host today). */
export function basemapOrigins(code: BasemapCode): string[] {
	const b = BASEMAPS[code];
	const urls = [b.styleUrl, b.raster?.url].filter((u): u is string => typeof u === 'string');
	return [...new Set(urls.map((u) => new URL(u).origin))];
}

/** The basemaps a page may draw: the configured one, and the one its `?fond=` asks for. */
export function pageBasemaps(configured: BasemapCode, url: URL): BasemapCode[] {
	const asked = url.searchParams.get('fond');
	const codes: BasemapCode[] = [configured];
	if (asked && (BASEMAP_CODES as readonly string[]).includes(asked)) codes.push(asked as BasemapCode);
	return [...new Set(codes)];
}

const OPENED = ['img-src', 'connect-src'];

/** Adds origins to img-src and connect-src of a policy header; other directives are left as they are. */
export function withOrigins(policy: string, origins: readonly string[]): string {
	if (!origins.length) return policy;
	return policy
		.split(';')
		.map((d) => d.trim())
		.filter(Boolean)
		.map((directive) => {
			const [name, ...values] = directive.split(/\s+/);
			if (!OPENED.includes(name)) return directive;
			return [name, ...values, ...origins.filter((o) => !values.includes(o))].join(' ');
		})
		.join('; ');
}

/** The page's policy with the hosts of the basemaps it may draw. */
export function pagePolicy(policy: string, configured: BasemapCode, url: URL): string {
	return withOrigins(policy, pageBasemaps(configured, url).flatMap(basemapOrigins));
}

/** The embeds' policy: any site may frame them (partners' pages); every other directive is kept. */
export function framedByAnyone(policy: string): string {
	return policy
		.split(';')
		.map((d) => d.trim())
		.filter(Boolean)
		.map((d) => (d.split(/\s+/)[0] === 'frame-ancestors' ? 'frame-ancestors *' : d))
		.join('; ');
}
