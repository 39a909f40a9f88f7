import { describe, expect, it } from 'vitest';
import { todayIso } from '../src/lib/domain/today';
import { parseArgs } from './import-esus';

describe('import:esus command line', () => {
	it('reads the file, --dry-run, --date and --by; the date defaults to today', () => {
		expect(parseArgs(['liste.xlsx'])).toEqual({ file: 'liste.xlsx', dryRun: false, date: todayIso() });
		expect(parseArgs(['--dry-run', 'liste.xlsx', '--date', '2026-11-01', '--by', 'Sam'])).toEqual({
			file: 'liste.xlsx',
			dryRun: true,
			date: '2026-11-01',
			by: 'Sam'
		});
	});

	it('refuses in French', () => {
		expect(() => parseArgs([])).toThrow('fichier à importer manquant');
		expect(() => parseArgs(['l.xlsx', '--date', '01/11/2026'])).toThrow(
			'--date : date de la liste attendue au format AAAA-MM-JJ'
		);
		expect(() => parseArgs(['l.xlsx', '--date'])).toThrow('--date : valeur manquante');
		expect(() => parseArgs(['l.xlsx', '--force'])).toThrow('option inconnue : --force');
	});
});
