import { z } from 'zod';
import { BASEMAP_CODES } from '$lib/domain/map/basemaps';

/** Every environment variable the server reads, validated once at start with a specific message. */
export const envSchema = z.object({
	DATABASE_PATH: z.string().min(1).default('data/carto-ess.sqlite'),
	DATA_DIR: z.string().min(1).default('data'),
	/** Public origin used in canonical URLs, the sitemap and JSON-LD. */
	PUBLIC_SITE_URL: z
		.url({ error: 'PUBLIC_SITE_URL doit être une URL http(s) complète, ex. https://carto-ess.example.org' })
		.default('http://localhost:3000')
		.transform((u) => u.replace(/\/+$/, '')),
	SEED_ON_START: z.enum(['true', 'false'], { error: 'SEED_ON_START : true ou false' }).default('true'),
	/** Géoplateforme geocoding API (BAN) used for addresses typed in public proposals; tests point it at a double. */
	GEOCODER_URL: z
		.url({
			protocol: /^https?$/,
			error: 'GEOCODER_URL doit être une URL http(s), ex. https://data.geopf.fr/geocodage'
		})
		.default('https://data.geopf.fr/geocodage')
		.transform((u) => u.replace(/\/+$/, '')),
	/** Map basemap: Plan IGN (default), OpenFreeMap, or the built-in offline style (tests, no network). */
	PUBLIC_BASEMAP: z
		.enum(BASEMAP_CODES, { error: `PUBLIC_BASEMAP : ${BASEMAP_CODES.join(', ')} attendu` })
		.default('ign'),
	/** Memory for rendered public pages (src/lib/server/page-cache.ts), in MB; 0 turns the cache off. */
	PAGE_CACHE_MB: z.coerce
		.number({ error: 'PAGE_CACHE_MB : un nombre de mégaoctets (0 pour désactiver)' })
		.int({ error: 'PAGE_CACHE_MB : un nombre entier de mégaoctets' })
		.min(0, { error: 'PAGE_CACHE_MB : 0 ou plus' })
		.max(1024, { error: 'PAGE_CACHE_MB : 1024 au plus' })
		.default(32),
	/**
	 * Published records up to which the public read model is rebuilt in the request that sees a write; above,
	 * in a worker thread while the previous version is served (README "Rebuilds off the request path").
	 */
	REBUILD_INLINE_MAX: z.coerce
		.number({ error: 'REBUILD_INLINE_MAX : nombre entier de fiches attendu, ex. 2000' })
		.int({ error: 'REBUILD_INLINE_MAX : nombre entier de fiches attendu, ex. 2000' })
		.min(0, { error: 'REBUILD_INLINE_MAX : 0 ou plus' })
		.default(2000)
});
export type Env = z.infer<typeof envSchema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
	const parsed = envSchema.safeParse(source);
	if (!parsed.success) {
		const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
		throw new Error(`Configuration invalide :\n${lines}`);
	}
	return parsed.data;
}
