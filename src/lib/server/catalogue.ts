/**
 * The catalogue (src/lib/domain/catalogue.ts) loaded from the store: one per data version, part of the
 * read model (src/lib/server/read-model/), which is rebuilt off the request path for large stores. Public
 * pages are pure functions of it.
 */
import { buildCatalogue, type Catalogue } from '$lib/domain/catalogue';
import type { Db } from './db/connection';
import type { SqlClient } from './db/sql';
import { readModel } from './read-model';
import { byName, readInput } from './read-model/parts';

/** The current catalogue (for a large store, the previous version while the new one is being built). */
export async function getCatalogue(sql: SqlClient): Promise<Catalogue> {
	return (await readModel(sql)).catalogue;
}

/** The catalogue built now from the store, uncached: the read model's catalogue part (benchmarks). */
export function loadCatalogue(db: Db): Catalogue {
	const input = readInput(db);
	return buildCatalogue({ ...input, records: [...input.records].sort(byName) });
}
