/**
 * Whether a record passes a selection of filters: within a filter any of the values, all filters together.
 * The API's collections and the funding list use it; the annuaire counts facets with facets.ts, the map
 * matches its compact points with map/filter.ts, all from the same descriptors.
 */
import type { PublicRecord } from '../records';
import { filterOf, type FilterKey } from './registry';
import type { FilterSelection, ReadContext } from './types';

/** A predicate for a selection, compiled once (the active filters found once, not per record). */
export function selectionMatcher(
	selection: FilterSelection,
	context?: ReadContext
): (record: PublicRecord) => boolean {
	const active = Object.entries(selection)
		.filter(([, wanted]) => wanted && wanted.length > 0)
		.map(([key, wanted]) => ({ filter: filterOf(key as FilterKey), wanted: wanted! }));
	return (record) =>
		active.every(({ filter, wanted }) => {
			const values = filter.read(record, context);
			return wanted.some((w) => values.includes(w));
		});
}
