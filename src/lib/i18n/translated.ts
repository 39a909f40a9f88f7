/**
 * The pages whose own text is translated, by SvelteKit route id. Every page answers under `/de/…` and
 * `/en/…` with the site's frame (navigation, footer, switcher) in that language; a page not listed here
 * keeps its French text, marked `lang="fr"` for screen readers, under a notice saying it is not translated
 * yet, rather than showing a mix of languages unannounced. Adding a page: move its text into
 * messages/*.json, add its route id here, and its e2e check in e2e/languages.spec.ts.
 */
const TRANSLATED_ROUTES: ReadonlySet<string> = new Set([
	'/',
	'/accessibilite',
	'/acheter',
	'/acheter/besoins',
	'/acheter/besoins/[id]',
	'/acheter/besoins/publier',
	'/acheter/besoins/suivi/[token]',
	'/acheter/guide',
	'/acheter/note',
	'/agenda',
	'/agenda/[slug]',
	'/annuaire',
	'/carte',
	'/confidentialite',
	'/contacter/[id]',
	'/contacter/[id]/envoye',
	'/creer',
	'/donnees',
	'/embed/carte',
	'/embed/quartier/[slug]',
	'/financements',
	'/financements/[slug]',
	'/financements/a-verifier',
	'/financements/comparer',
	'/financements/memo/[audience]',
	'/financements/trouver',
	'/financements/trouver/memo',
	'/initiatives/[slug]',
	'/integrer',
	'/lieux',
	'/lieux/[slug]',
	'/lieux/[slug]/locaux',
	'/observatoire',
	'/proposer',
	'/proposer/[kind=proposable]',
	'/proposer/merci/[ref]',
	'/proposer/modification',
	'/proposer/suivi/[ref]',
	'/quartiers',
	'/quartiers/[slug]',
	'/quartiers/[slug]/tract',
	'/structures/[slug]'
]);

/** Whether a page's text is translated; the error page (a route's failure, or no route at all) is. */
export function isTranslated(routeId: string | null, error = false): boolean {
	return error || (routeId !== null && TRANSLATED_ROUTES.has(routeId));
}
