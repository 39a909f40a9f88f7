/**
 * The catalogue (src/lib/domain/catalogue.ts) loaded from the store: one per data version, part of the
 * read model (src/lib/server/read-model/), which is rebuilt off the request path for large stores. Public
 * pages are pure functions of it.
 */
import type { Catalogue } from '$lib/domain/catalogue';
import type { Db } from './db/connection';
import { readModel } from './read-model';

/** The current catalogue (for a large store, the previous version while the new one is being built). */
export function getCatalogue(db: Db): Catalogue {
	return readModel(db).catalogue;
}
