import { describe, expect, it } from 'vitest';
import * as runtime from '$lib/paraglide/runtime';
import { BASE_LOCALE, delocalizePath, LOCALES, localeOfPath, localizePath } from './paths';

const PATHS = [
	'/',
	'/carte',
	'/carte?thematique=alimentation',
	'/?q=epicerie',
	'/structures/la-ruche#contact',
	'/embed/carte'
];

describe('language in the address', () => {
	it('names the same languages as the compiled messages', () => {
		expect([...LOCALES].sort()).toEqual([...runtime.locales].sort());
		expect(BASE_LOCALE).toBe(runtime.baseLocale);
	});

	it('writes the addresses Paraglide writes (its `/de/` home is our `/de`)', () => {
		for (const locale of LOCALES)
			for (const path of PATHS) {
				const theirs = runtime.localizeHref(path, { locale }).replace(/^(\/(?:de|en))\/(?=$|[?#])/, '$1');
				expect(localizePath(path, locale), `${path} in ${locale}`).toBe(theirs);
				expect(delocalizePath(localizePath(path, locale))).toBe(runtime.deLocalizeHref(theirs));
			}
	});

	it('reads the language of a path, French without a prefix', () => {
		expect(localeOfPath('/de')).toBe('de');
		expect(localeOfPath('/de/carte')).toBe('de');
		expect(localeOfPath('/EN/carte')).toBe('en');
		expect(localeOfPath('/carte')).toBe('fr');
		// A first segment that only starts like a language is not one.
		expect(localeOfPath('/denis')).toBe('fr');
		expect(localeOfPath('/')).toBe('fr');
	});

	it('takes the prefix off, keeping query and hash', () => {
		expect(delocalizePath('/de')).toBe('/');
		expect(delocalizePath('/de?x=1')).toBe('/?x=1');
		expect(delocalizePath('/en/quartiers/neudorf#sq-a')).toBe('/quartiers/neudorf#sq-a');
		expect(delocalizePath('/denis')).toBe('/denis');
	});

	it('re-localizes an address already in another language', () => {
		expect(localizePath('/de/carte', 'en')).toBe('/en/carte');
		expect(localizePath('/de/carte', 'fr')).toBe('/carte');
		expect(localizePath('/', 'de')).toBe('/de');
	});
});
