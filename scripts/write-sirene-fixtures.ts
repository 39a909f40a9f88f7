/**
 * Rewrites the checked-in SIRENE fixture files from the rows of src/lib/io/sirene/fixture.ts
 * (run with `npx tsx scripts/write-sirene-fixtures.ts` after changing those rows; a unit test fails while
 * the files and the rows disagree).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
	FIXTURE_ESS_FRANCE,
	fixtureEtablissementsCsv,
	fixtureUnitesLegalesCsv
} from '../src/lib/io/sirene/fixture';

const dir = join(import.meta.dirname, '../src/lib/io/sirene/fixtures');
writeFileSync(join(dir, 'StockEtablissement_fixture.csv'), fixtureEtablissementsCsv());
writeFileSync(join(dir, 'StockUniteLegale_fixture.csv'), fixtureUnitesLegalesCsv());
writeFileSync(join(dir, 'ess-france_fixture.csv'), FIXTURE_ESS_FRANCE);
console.log(`fixtures SIRENE réécrites dans ${dir}`);
