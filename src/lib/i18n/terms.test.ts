import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { TAXONOMY_NAMES, termsOf } from '$lib/domain/taxonomies';
import { m } from '$lib/paraglide/messages';
import { overwriteGetLocale } from '$lib/paraglide/runtime';
import { LOCALES, type Locale } from './paths';
import { EXPLORER_TERM_TABLES, explorerTermLabel, thematique } from './term-messages';
import { TERM_TABLES, termKey, termLabel, thematiqueLabel, type TranslatedTaxonomy } from './terms';

const messages = Object.fromEntries(
	LOCALES.map((l) => [l, JSON.parse(readFileSync(`messages/${l}.json`, 'utf8')) as Record<string, unknown>])
) as Record<Locale, Record<string, unknown>>;
const thematiques = (
	JSON.parse(readFileSync('data/thematiques.json', 'utf8')) as { code: string; label: string }[]
).map((t) => t.code);

/** Every key the lookup may ask for: each code of each taxonomy, and each thématique of the data. */
const expected = new Set([
	...TAXONOMY_NAMES.filter((t) => t !== 'actionTerritory').flatMap((t) =>
		termsOf(t).map((term) => termKey(t as TranslatedTaxonomy, term.code))
	),
	...thematiques.map((code) => termKey('thematique', code))
]);

describe('taxonomy labels in the reader’s language', () => {
	afterEach(() => overwriteGetLocale(() => 'fr'));

	it('has every code of every taxonomy in every language', () => {
		for (const locale of LOCALES) {
			const missing = [...expected].filter((key) => !String(messages[locale][key] ?? '').trim());
			expect(missing, locale).toEqual([]);
		}
	});

	it('has no label for a code that no longer exists (the check counts term_ keys as used)', () => {
		const stale = Object.keys(messages.fr).filter((k) => k.startsWith('term_') && !expected.has(k));
		expect(stale).toEqual([]);
	});

	it('reads each term from its own message, in a table with exactly the taxonomy’s codes', () => {
		const messages = m as unknown as Record<string, unknown>;
		const tables = { ...TERM_TABLES, thematique } as Record<string, Record<string, unknown>>;
		const read = new Set<string>();
		for (const [taxonomy, table] of Object.entries(tables))
			for (const [code, message] of Object.entries(table)) {
				const key = termKey(taxonomy as TranslatedTaxonomy, code);
				expect(message, key).toBe(messages[key]);
				read.add(key);
			}
		expect([...read].sort()).toEqual([...expected].sort());
	});

	it('says the French label in French, as labelOf does', () => {
		for (const t of TAXONOMY_NAMES)
			for (const term of termsOf(t)) expect(termLabel(t, term.code)).toBe(term.label);
		for (const t of Object.keys(EXPLORER_TERM_TABLES) as (keyof typeof EXPLORER_TERM_TABLES)[])
			for (const term of termsOf(t)) expect(explorerTermLabel(t, term.code)).toBe(term.label);
	});

	it('translates, reads a part taxonomy from its whole, and shows an unknown code as it is', () => {
		overwriteGetLocale(() => 'de');
		expect(termLabel('legalForm', 'scop')).toBe('Produktionsgenossenschaft (SCOP)');
		expect(termLabel('sizeBand', 'NN')).toBe('Ohne Beschäftigte');
		expect(termLabel('actionTerritory', 'eurometropole')).toBe('Eurometropole Straßburg');
		expect(termLabel('sector', 'inconnu')).toBe('inconnu');
		overwriteGetLocale(() => 'en');
		expect(termLabel('role', 'acteur')).toBe('Social and solidarity economy organisation');
		expect(thematiqueLabel('maison-ess', 'x')).toBe('Creating a House of the social and solidarity economy');
		expect(thematiqueLabel('nouvelle', 'Nouvelle thématique')).toBe('Nouvelle thématique');
		expect(explorerTermLabel('legalForm', 'scop')).toBe('Worker cooperative (SCOP)');
		expect(explorerTermLabel('sector', 'inconnu')).toBe('inconnu');
		expect(termLabel('sector', 'constructor')).toBe('constructor');
	});
});
