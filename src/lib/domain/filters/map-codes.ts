/**
 * Filters in the map's compact points: each filter with a `mapCode` gives a point one "prefix:value" code
 * per value (`s:reemploi`, `c:67482`), stored once in the payload's dictionary (map/points.ts), so the
 * browser filters 50,000 points with integer lookups and never needs the records.
 */
import type { PublicRecord } from '../records';
import { FILTERS, filterOf, type FilterKey } from './registry';
import type { FilterDescriptor } from './types';

const CODED = (FILTERS as readonly FilterDescriptor[]).filter((d) => d.mapCode);

/** The code of one value of a filter, or undefined for a filter the points do not carry. */
export function mapCode(d: FilterDescriptor, value: string): string | undefined {
	if (!d.mapCode) return undefined;
	return `${d.mapCode.prefix}:${d.mapCode.encode ? d.mapCode.encode(value) : value}`;
}

/** Every code of a record, filter by filter in registry order. */
export function recordMapCodes(r: PublicRecord): string[] {
	return CODED.flatMap((d) => d.read(r).map((v) => mapCode(d, v)!));
}

/** "c:" for the commune: what a point's code starts with for this filter. */
export function mapPrefix(key: FilterKey): string {
	const prefix = filterOf(key).mapCode?.prefix;
	if (!prefix) throw new Error(`filtre sans code de carte : ${key}`);
	return `${prefix}:`;
}
