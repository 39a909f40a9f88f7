/**
 * A taxonomy term's label in the reader's language. `labelOf` (lib/domain) stays French: it is what data
 * files, exports, search and the workspace say. Pages call `termLabel` instead, which reads the message
 * `term_<taxonomy>_<code>` (snake case: `term_legal_form_scop`, `term_size_band_nn`) and falls back to the
 * French label, so a code added to a taxonomy before its translation still shows, in French.
 *
 * The thématiques are reference data (data/thematiques.json), not a list in code: their messages follow the
 * same scheme under the name `thematique`, and an unknown one shows its French label, passed by the caller.
 */
import { labelOf, type TaxonomyName } from '$lib/domain/taxonomies';
import { m as compiled } from '$lib/paraglide/messages';

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

const m = compiled as unknown as Record<string, (() => string) | undefined>;

function message(taxonomy: TranslatedTaxonomy, code: string): string | undefined {
	// Written as a template on `m` so that scripts/i18n-check.js counts the `term_` keys as used.
	const read = m[`term_${snake(taxonomy)}_${snake(code)}`];
	return read?.();
}

/** The label of a code in the reader's language (French when the term has no message yet). */
export function termLabel(taxonomy: TaxonomyName, code: string): string {
	return message(taxonomy === 'actionTerritory' ? 'territory' : taxonomy, code) ?? labelOf(taxonomy, code);
}

/** A thématique's label in the reader's language; `french` (its label in the data) when not translated. */
export function thematiqueLabel(code: string, french: string): string {
	return message('thematique', code) ?? french;
}
