import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ETABLISSEMENT_COLUMNS, UNITE_LEGALE_COLUMNS } from './columns';
import { FIXTURE_ESS_FRANCE, fixtureEtablissementsCsv, fixtureUnitesLegalesCsv } from './fixture';

const read = (name: string) =>
	readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), 'utf8');

describe('SIRENE fixture files', () => {
	it('are what the generator writes (regenerate them with writeFixtureFiles when it changes)', () => {
		expect(read('StockEtablissement_fixture.csv')).toBe(fixtureEtablissementsCsv());
		expect(read('StockUniteLegale_fixture.csv')).toBe(fixtureUnitesLegalesCsv());
		expect(read('ess-france_fixture.csv')).toBe(FIXTURE_ESS_FRANCE);
	});

	it('carry INSEE’s full headers: 54 and 35 columns', () => {
		expect(ETABLISSEMENT_COLUMNS).toHaveLength(54);
		expect(UNITE_LEGALE_COLUMNS).toHaveLength(35);
		expect(read('StockEtablissement_fixture.csv').split('\n')[0].split(',')).toEqual([
			...ETABLISSEMENT_COLUMNS
		]);
		expect(read('StockUniteLegale_fixture.csv').split('\n')[0].split(',')).toEqual([...UNITE_LEGALE_COLUMNS]);
	});
});
