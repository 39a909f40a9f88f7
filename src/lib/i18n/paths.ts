/**
 * Where the language lives in an address: French, the base language, has no prefix (`/carte`); German and
 * English have theirs (`/de/carte`, `/en/carte`). Paraglide's runtime writes the same addresses
 * (paths.test.ts checks both agree); these plain functions are what links, hooks and the page cache call
 * on every link and request, without building a URL object each time.
 *
 * Pure: no imports.
 */
export const LOCALES = ['fr', 'de', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const BASE_LOCALE: Locale = 'fr';

/** Each language's name in itself (the switcher shows it so a reader finds their own). */
export const LOCALE_NAMES: Record<Locale, string> = { fr: 'Français', de: 'Deutsch', en: 'English' };
/** The locale Intl formats dates, numbers and amounts with. */
export const INTL_LOCALES: Record<Locale, string> = { fr: 'fr-FR', de: 'de-DE', en: 'en-GB' };

const PREFIXED = LOCALES.filter((l) => l !== BASE_LOCALE);

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The prefixed language of a path's first segment (`/de`, `/de/…`), or undefined (French). */
function prefixOf(pathname: string): Locale | undefined {
	const first = /^\/([^/?#]*)/.exec(pathname)?.[1].toLowerCase();
	return PREFIXED.find((l) => l === first);
}

/** The language of a path: its prefix, else French. */
export function localeOfPath(pathname: string): Locale {
	return prefixOf(pathname) ?? BASE_LOCALE;
}

/** The path without its language prefix (`/de/carte?x=1` -> `/carte?x=1`, `/de` -> `/`). */
export function delocalizePath(path: string): string {
	const locale = prefixOf(path);
	if (!locale) return path;
	const rest = path.slice(locale.length + 1);
	// `/de?x=1` is the German home with a query: `/?x=1`.
	return rest === '' || rest[0] === '?' || rest[0] === '#' ? `/${rest}` : rest;
}

/**
 * A site path (starting with `/`) in a language: French unchanged, others prefixed. The home page of a
 * language is `/de`, not `/de/`: SvelteKit would answer the trailing slash with a redirect.
 */
export function localizePath(path: string, locale: Locale): string {
	const base = delocalizePath(path);
	if (locale === BASE_LOCALE) return base;
	return base === '/' || base[1] === '?' || base[1] === '#'
		? `/${locale}${base.slice(1)}`
		: `/${locale}${base}`;
}
