import { defineConfig, devices } from '@playwright/test';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { resolveRunStore } from './e2e/run-database';

/**
 * Browser: Debian's /usr/bin/chromium when present (CI installs it), else Playwright's own chromium,
 * else stop with one line saying what to install. Tests never download a browser.
 */
function chromiumPath(): string | undefined {
	if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
	if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
	try {
		const own = chromium.executablePath();
		if (own && existsSync(own)) return undefined;
	} catch {
		// fall through to the explanation below
	}
	throw new Error(
		"No chromium found: install Debian's (apt-get install -y chromium) or Playwright's (npx playwright install chromium), or set CHROMIUM_PATH."
	);
}

const PORT = Number(process.env.E2E_PORT ?? 4173);
// The geocoder double (scripts/geocoder-double.ts) listens beside each run's server.
const GEOCODER_PORT = Number(process.env.E2E_GEOCODER_PORT ?? PORT + 500);
// The SMTP double (scripts/smtp-double.ts) too: SMTP on one port, what it received over HTTP on the next.
const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? PORT + 600);
/** The large synthetic store (map at national scale: server clusters), e2e/map-scale.spec.ts. */
const SCALE_PORT = Number(process.env.E2E_SCALE_PORT ?? PORT + 700);
/**
 * Its size: 5,000 records by default; E2E_SCALE_RECORDS=250000 runs the same journeys on a national-scale
 * store (1.5 to 2.5 minutes to seed and start on 2 cores, 2 to 3.5 GB of memory): `npm run test:e2e:scale`,
 * a step of .ci/run of its own rather than part of every run.
 */
const SCALE_RECORDS = Number(process.env.E2E_SCALE_RECORDS ?? 5000);
process.env.E2E_SCALE_URL ??= `http://127.0.0.1:${SCALE_PORT}`;
process.env.E2E_MAIL_URL ??= `http://127.0.0.1:${SMTP_PORT + 1}/__test__/mail`;
// One fresh database per run, shared by the server and the tests that inspect the store: a SQLite file, or
// with E2E_DATABASE_URL / DATABASE_URL naming a PostgreSQL server, a database of the run's own on it
// (E2E_STORE_URL, created as the app starts, dropped at the end: e2e/run-database.ts).
process.env.E2E_DATABASE_PATH ??= join(tmpdir(), `carto-ess-e2e-${Date.now()}.sqlite`);
resolveRunStore();
const STORE_URL = process.env.E2E_STORE_URL;
/** The second instance of the app on PostgreSQL runs (e2e/instances.spec.ts). */
const SECOND_PORT = Number(process.env.E2E_SECOND_PORT ?? PORT + 1);
process.env.E2E_SECOND_URL ??= `http://127.0.0.1:${SECOND_PORT}`;

/** The app under test: server.js wraps the build named by BUILD_DIR (default build/) with the static files' headers. */
function appServer(port: number, command: string) {
	return {
		command,
		port,
		reuseExistingServer: false,
		timeout: 60_000,
		env: {
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: `http://127.0.0.1:${port}`,
			DATABASE_PATH: process.env.E2E_DATABASE_PATH!,
			...(STORE_URL ? { DATABASE_URL: STORE_URL } : {}),
			PUBLIC_SITE_URL: `http://127.0.0.1:${port}`,
			PUBLIC_BASEMAP: 'offline',
			// Tests talk to local doubles only: no tile server, no geocoder.
			GEOCODER_URL: `http://127.0.0.1:${GEOCODER_PORT}/__test__/geocoder`,
			// Mail goes to the local SMTP double, which the tests read.
			SMTP_URL: `smtp://carto:secret-de-test@127.0.0.1:${SMTP_PORT}`,
			MAIL_FROM: 'Carto ESS tests <carto-ess@example.org>'
		}
	};
}

export const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

export default defineConfig({
	testDir: 'e2e',
	fullyParallel: false,
	workers: 2,
	retries: 0,
	reporter: [['list']],
	globalTeardown: './e2e/global-teardown.ts',
	timeout: 30_000,
	use: {
		baseURL: `http://127.0.0.1:${PORT}`,
		trace: 'off',
		locale: 'fr-FR',
		timezoneId: 'Europe/Paris',
		// The site's service worker (src/service-worker.ts) would answer build files from its cache, out of
		// reach of page.route(); only the offline journeys (e2e/offline.spec.ts) let it run.
		serviceWorkers: 'block',
		launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS }
	},
	projects: [
		{
			name: 'chromium',
			use: {
				...devices['Desktop Chrome'],
				launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS }
			}
		}
	],
	webServer: [
		{
			command: `node --import tsx scripts/geocoder-double.ts ${GEOCODER_PORT}`,
			url: `http://127.0.0.1:${GEOCODER_PORT}/__test__/geocoder/health`,
			reuseExistingServer: false,
			timeout: 30_000
		},
		{
			command: `node --import tsx scripts/smtp-double.ts ${SMTP_PORT} ${SMTP_PORT + 1}`,
			url: `${process.env.E2E_MAIL_URL}/health`,
			reuseExistingServer: false,
			timeout: 30_000
		},
		{
			// 5,000 synthetic records with the threshold at 2,000: the national-scale code paths in a store that
			// builds in a few seconds (250,000 would take minutes of CI: E2E_SCALE_RECORDS, above).
			command: `node --import tsx scripts/e2e-scale-server.ts ${SCALE_PORT} ${SCALE_RECORDS} 2000`,
			port: SCALE_PORT,
			reuseExistingServer: false,
			timeout: SCALE_RECORDS > 50_000 ? 600_000 : 120_000
		},
		appServer(
			PORT,
			// On PostgreSQL the run's database is created first; the server migrates and seeds it.
			STORE_URL ? 'node --import tsx scripts/e2e-database.ts create && node server.js' : 'node server.js'
		),
		// On PostgreSQL, a second instance of the app over the same database, started once the first has
		// seeded it (web servers start in order): the journeys of e2e/instances.spec.ts use both.
		...(STORE_URL ? [appServer(SECOND_PORT, 'node server.js')] : [])
	]
});
