import { describe, expect, it } from 'vitest';
import { parseArgs } from './geo-import';

describe('geo:import arguments', () => {
	it('reads the file, kind and options', () => {
		expect(
			parseArgs([
				'f.geojson',
				'--kind',
				'quartier',
				'--code-field',
				'numero',
				'--source',
				'Ville de Strasbourg',
				'--dry-run'
			])
		).toEqual({
			file: 'f.geojson',
			kind: 'quartier',
			codeField: 'numero',
			source: 'Ville de Strasbourg',
			dryRun: true,
			assign: true
		});
		expect(parseArgs(['f.geojson', '--kind', 'qpv', '--no-assign']).assign).toBe(false);
	});
	it('refuses a missing or unknown kind, a missing value and unknown options with a message', () => {
		expect(() => parseArgs(['f.geojson'])).toThrow(/--kind attendu/);
		expect(() => parseArgs(['f.geojson', '--kind', 'region'])).toThrow(
			/--kind attendu : commune, quartier, qpv/
		);
		expect(() => parseArgs(['f.geojson', '--kind'])).toThrow(/--kind : valeur manquante/);
		expect(() => parseArgs(['f.geojson', '--kind', 'commune', '--force'])).toThrow(
			/option inconnue : --force/
		);
		expect(() => parseArgs(['--kind', 'commune'])).toThrow(/fichier GeoJSON manquant/);
	});
});
