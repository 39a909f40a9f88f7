// The one place that says how the site's messages are compiled (Paraglide JS): read by vite.config.ts for
// dev, build and vitest, and by scripts/i18n-compile.js for what runs without Vite (svelte-check, tsx
// scripts), so both compile the same runtime.
/** @type {import('@inlang/paraglide-js').CompilerOptions} */
export const paraglideOptions = {
	project: './project.inlang',
	outdir: './src/lib/paraglide',
	// The language is the URL's (`/de/…`, `/en/…`, French without a prefix), else French: no cookie, so
	// embeds stay cookie-free and a shared link shows the page in the language it was shared in.
	// Accept-Language only suggests (src/lib/components/LanguageSuggestion.svelte), never redirects.
	strategy: ['url', 'baseLocale'],
	emitGitIgnore: false,
	emitPrettierIgnore: false,
	emitReadme: false
};
