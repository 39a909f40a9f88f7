/**
 * The title of an embed's frame, which screen readers announce in the partner's page: written in the
 * embed's language, not the language of the page where the partner builds it.
 */
import { m } from '$lib/paraglide/messages';
import type { Locale } from './paths';

export function embedFrameTitle(
	what: 'map' | 'initiatives',
	language: Locale,
	zone: string | undefined
): string {
	const o = { locale: language };
	if (what === 'initiatives' && zone) return m.embed_title_quartier_in({ zone }, o);
	return zone ? m.embed_title_map_in({ zone }, o) : m.embed_title_map({}, o);
}
