/**
 * A taxonomy term's label in the reader's language. `labelOf` (lib/domain) stays French: it is what data
 * files, exports, search and the workspace say. Pages call `termLabel` instead, which reads the message
 * `term_<taxonomy>_<code>` (snake case: `term_legal_form_scop`, `term_size_band_nn`) from the taxonomy's
 * table and falls back to the French label, so a code added to a taxonomy before its translation still
 * shows, in French. The tables are written out in term-messages.ts (the explorer's taxonomies, which the
 * map's first chunk carries) and term-messages-records.ts (the others): the explorer reads the former only,
 * through `explorerTermLabel`, so the map does not ship the labels of record pages.
 *
 * The thématiques are reference data (data/thematiques.json), not a list in code: their messages follow the
 * same scheme under the name `thematique`, and an unknown one shows its French label, passed by the caller.
 */
import { labelOf, type TaxonomyName } from '$lib/domain/taxonomies';
import { EXPLORER_TERM_TABLES, messageOf, type TermTable } from './term-messages';
import { RECORD_TERM_TABLES } from './term-messages-records';

export { explorerTermLabel, thematiqueLabel } from './term-messages';

/** The taxonomies with their own messages; `actionTerritory` is a part of `territory` and reads its labels. */
export type TranslatedTaxonomy = Exclude<TaxonomyName, 'actionTerritory'> | 'thematique';

const snake = (s: string) =>
	s
		.replace(/[A-Z]/g, (c) => `_${c}`)
		.replace(/-/g, '_')
		.toLowerCase();

/** The message key of a term (exported for the test that every term has its three labels). */
export function termKey(taxonomy: TranslatedTaxonomy, code: string): string {
	return `term_${snake(taxonomy)}_${snake(code)}`;
}

/** Every taxonomy's table: a taxonomy in neither module is refused here by svelte-check. */
export const TERM_TABLES: { [T in Exclude<TaxonomyName, 'actionTerritory'>]: TermTable<T> } = {
	...EXPLORER_TERM_TABLES,
	...RECORD_TERM_TABLES
};

/** The label of a code in the reader's language (French when the term has no message yet). */
export function termLabel(taxonomy: TaxonomyName, code: string): string {
	const table = TERM_TABLES[taxonomy === 'actionTerritory' ? 'territory' : taxonomy];
	return messageOf(table, code) ?? labelOf(taxonomy, code);
}
