import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * `npm run test:security`: attacks and contracts checked against the production server (server.js over
 * build/, so run `npm run build` first), on a temporary database seeded from data/ and a local geocoder
 * stub. security/global-setup.ts starts them once; each suite is a file in security/ (see its README).
 */
export default defineConfig({
	// Suites seed the store with the project's own modules (fixtures, the db layer, links).
	resolve: { alias: { $lib: fileURLToPath(new URL('./src/lib', import.meta.url)) } },
	test: {
		include: ['security/**/*.test.ts'],
		globalSetup: ['security/global-setup.ts'],
		environment: 'node',
		// One server for every file: files run one after the other so bursts measure what they send.
		fileParallelism: false,
		testTimeout: 60_000,
		hookTimeout: 120_000
	}
});
