import { m } from '$lib/paraglide/messages';

/** "Aucune initiative recensée", "1 initiative", "5 initiatives", in the reader's language. */
export function initiativesLabel(n: number): string {
	return m.initiatives_count({ count: n });
}
