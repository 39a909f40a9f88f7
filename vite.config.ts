import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideOptions } from './i18n.config.js';
import { projectMessageProblems } from './scripts/i18n-check.js';

/** A build refuses messages that miss a language, or that no page uses (scripts/i18n-check.js). */
const messagesAgree: Plugin = {
	name: 'carto-ess:messages-agree',
	apply: 'build',
	buildStart() {
		const problems = projectMessageProblems(process.cwd());
		if (problems.length)
			this.error(`Messages: ${problems.length} problem(s)\n  - ${problems.join('\n  - ')}`);
	}
};
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [messagesAgree, paraglideVitePlugin(paraglideOptions), sveltekit()],
	server: { port: 5173 },
	test: {
		// Playwright specs live in e2e/ and must not be collected by vitest.
		include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
		environment: 'node'
	}
});
