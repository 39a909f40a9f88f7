/**
 * The catalogue (src/lib/domain/catalogue.ts) loaded from the store, built once per data version: every
 * write bumps the version, the next request rebuilds. Public pages are pure functions of it.
 */
import { buildCatalogue, type Catalogue } from '$lib/domain/catalogue';
import type { PublicRecord } from '$lib/domain/records';
import { listPublishedRecords } from './db/catalogue';
import type { Db } from './db/connection';
import {
	dataVersion,
	getRecordById,
	listCommunes,
	listQpv,
	listQuartiers,
	listThematiques
} from './db/records';

let cached: { db: Db; catalogue: Catalogue } | undefined;

/** Published records, plus the unpublished organisations that published tools name as providers. */
function loadRecords(db: Db): PublicRecord[] {
	const records = listPublishedRecords(db);
	const known = new Set(records.map((r) => r.id));
	const providerIds = records.flatMap((r) => (r.kind === 'funding-tool' ? r.providerIds : []));
	for (const id of new Set(providerIds)) {
		if (known.has(id)) continue;
		const stored = getRecordById(db, id);
		if (stored) {
			const { version: _version, ...r } = stored;
			records.push(r as PublicRecord);
		}
	}
	return records;
}

/** The current catalogue; rebuilt only when a write bumped the data version (or another store is used). */
export function getCatalogue(db: Db): Catalogue {
	const version = dataVersion(db);
	if (cached && cached.db === db && cached.catalogue.version === version) return cached.catalogue;
	const catalogue = buildCatalogue({
		version,
		geo: {
			communes: listCommunes(db),
			quartiers: listQuartiers(db),
			qpv: listQpv(db),
			thematiques: listThematiques(db)
		},
		records: loadRecords(db)
	});
	cached = { db, catalogue };
	return catalogue;
}
