/** Small in-memory catalogues for tests: no store, only the reference data and records a test names. */
import { buildCatalogue, type Catalogue } from './catalogue';
import type { Geo } from './query';
import type { PublicRecord } from './records';

export function testCatalogue(
	records: readonly PublicRecord[],
	geo: Partial<Geo> = {},
	version = 1
): Catalogue {
	return buildCatalogue({
		version,
		geo: { communes: [], quartiers: [], qpv: [], thematiques: [], ...geo },
		records
	});
}
