import { z } from 'zod';
import { BASEMAP_CODES } from '$lib/domain/map/basemaps';
import { CLUSTER_WORKER_MIN, TILES_MIN } from '$lib/domain/map/scale';

/** An unset variable and an empty one mean the same: not configured. */
const unsetIfEmpty = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** `adresse@domaine` or `Nom <adresse@domaine>`, on one line. */
const MAIL_FROM = /^(?:[^<>\r\n]*<[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+)$/;

/** Every environment variable the server reads, validated once at start with a specific message. */
const envFields = z.object({
	DATABASE_PATH: z.string().min(1).default('data/carto-ess.sqlite'),
	/** A PostgreSQL database instead of the SQLite file (README "PostgreSQL"). */
	DATABASE_URL: z.preprocess(
		unsetIfEmpty,
		z
			.string()
			.regex(/^postgres(ql)?:\/\/\S+$/, {
				error: 'DATABASE_URL doit être une adresse PostgreSQL, ex. postgres://carto@127.0.0.1:5432/carto'
			})
			.optional()
	),
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
		.default(2000),
	/**
	 * Placed records above which the map is served as server-side cluster tiles instead of every point to
	 * the browser (README "Map at national scale"); the default is src/lib/domain/map/scale.ts's TILES_MIN.
	 */
	MAP_TILES_MIN: z.coerce
		.number({ error: 'MAP_TILES_MIN : nombre entier de lieux attendu, ex. 20000' })
		.int({ error: 'MAP_TILES_MIN : nombre entier de lieux attendu, ex. 20000' })
		.min(1, { error: 'MAP_TILES_MIN : 1 ou plus' })
		.default(TILES_MIN),
	/**
	 * Points from which the map's cluster index of a selection is built in the cluster worker rather than in
	 * the server's thread (README "Map at national scale"); smaller ones take milliseconds in the thread.
	 */
	MAP_WORKER_MIN: z.coerce
		.number({ error: 'MAP_WORKER_MIN : nombre entier de lieux attendu, ex. 10000' })
		.int({ error: 'MAP_WORKER_MIN : nombre entier de lieux attendu, ex. 10000' })
		.min(0, { error: 'MAP_WORKER_MIN : 0 ou plus' })
		.default(CLUSTER_WORKER_MIN),
	/** Outgoing mail (contact messages, proposal decisions); without it nothing is sent and mails wait. */
	SMTP_URL: z.preprocess(
		unsetIfEmpty,
		z
			.url({
				protocol: /^smtps?$/,
				hostname: /.+/,
				error:
					'SMTP_URL doit être une URL smtp:// ou smtps:// avec le serveur, ex. smtp://utilisateur:mot-de-passe@smtp.example.org:587'
			})
			.optional()
	),
	/** The From of every mail: the site's own address (replies to a contact message go to the visitor). */
	MAIL_FROM: z.preprocess(
		unsetIfEmpty,
		z
			.string()
			.trim()
			.regex(MAIL_FROM, {
				error:
					'MAIL_FROM doit être une adresse e-mail, ex. carto-ess@example.org ou « Carto ESS <carto-ess@example.org> »'
			})
			.optional()
	),
	/**
	 * Tests only (security/disk-full.test.ts): caps the store at this many pages (SQLite's max_page_count),
	 * so that a write meets SQLITE_FULL as on a full disk. Never set in production.
	 */
	TEST_DATABASE_MAX_PAGES: z.preprocess(
		unsetIfEmpty,
		z.coerce
			.number({ error: 'TEST_DATABASE_MAX_PAGES : nombre entier de pages attendu (tests seulement)' })
			.int({ error: 'TEST_DATABASE_MAX_PAGES : nombre entier de pages attendu (tests seulement)' })
			.min(1, { error: 'TEST_DATABASE_MAX_PAGES : 1 ou plus' })
			.optional()
	)
});

export const envSchema = envFields.superRefine((env, ctx) => {
	if (!!env.SMTP_URL !== !!env.MAIL_FROM)
		ctx.addIssue({
			code: 'custom',
			path: [env.SMTP_URL ? 'MAIL_FROM' : 'SMTP_URL'],
			message:
				'SMTP_URL et MAIL_FROM vont ensemble : définissez les deux pour envoyer des e-mails, ou aucun (les messages attendent alors dans l’espace de maintenance)'
		});
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

/** Mail can be sent: both SMTP_URL and MAIL_FROM are set. */
export function mailConfigured(env: Env): env is Env & { SMTP_URL: string; MAIL_FROM: string } {
	return !!env.SMTP_URL && !!env.MAIL_FROM;
}
