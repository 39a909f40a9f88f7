import { describe, expect, it } from 'vitest';
import { parseArgs } from './import-finess';

describe('import:finess command line', () => {
	it('reads the file, --dry-run and --by, and refuses in French', () => {
		expect(parseArgs(['x.csv', '--dry-run'])).toEqual({ file: 'x.csv', dryRun: true });
		expect(parseArgs(['--by', 'Sam', 'x.csv'])).toEqual({ file: 'x.csv', dryRun: false, by: 'Sam' });
		expect(() => parseArgs([])).toThrow('fichier à importer manquant');
		expect(() => parseArgs(['x.csv', 'y.csv'])).toThrow('argument en trop : y.csv');
		expect(() => parseArgs(['x.csv', '--date', '2026-01-01'])).toThrow('option inconnue : --date');
	});
});
