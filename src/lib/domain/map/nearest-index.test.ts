import { describe, expect, it } from 'vitest';
import { NO_FILTERS } from './filter';
import { nearestIndex, selects, type BuiltIndex } from './nearest-index';

const f = (extra: Record<string, string[]>) => ({ ...NO_FILTERS, ...extra });
const built: BuiltIndex[] = [
	{ key: '', filters: NO_FILTERS, size: 250_000 },
	{ key: 'couches=structures', filters: f({ layers: ['structures'] }) as never, size: 100_000 },
	{ key: 'secteur=reemploi', filters: f({ secteur: ['reemploi'] }), size: 32_000 },
	{ key: 'secteur=jardins', filters: f({ secteur: ['jardins'] }), size: 20_000 },
	{ key: 'lieu=67482', filters: f({ lieu: ['67482'] }), size: 129_000 },
	{ key: 'thematique=alimentation', filters: f({ thematique: ['alimentation'] }), size: 60_000 }
];

describe('nearestIndex', () => {
	it('takes the smallest index that holds every point of the combination', () => {
		// A sector and a commune: both single-value indexes hold it, the sector's is smaller.
		expect(nearestIndex(f({ secteur: ['reemploi'], lieu: ['67482'] }), built)?.key).toBe('secteur=reemploi');
		// A commune and a thématique: the thématique's is smaller than the commune's.
		expect(nearestIndex(f({ lieu: ['67482'], thematique: ['alimentation'] }), built)?.key).toBe(
			'thematique=alimentation'
		);
		// A commune alone, with text: the commune's index.
		expect(nearestIndex(f({ lieu: ['67482'] }), built)?.key).toBe('lieu=67482');
	});

	it('never takes an index that misses points of the combination', () => {
		// Two sectors: neither one-sector index holds both; the unfiltered one does.
		expect(nearestIndex(f({ secteur: ['reemploi', 'jardins'] }), built)?.key).toBe('');
		// Two layers: not the one-layer index.
		expect(nearestIndex(f({ layers: ['structures', 'initiatives'] }) as never, built)?.key).toBe('');
		// Another commune: not Strasbourg's index.
		expect(nearestIndex(f({ lieu: ['67218'] }), built)?.key).toBe('');
		// A quartier of Strasbourg is another code: left to the unfiltered index rather than guessed.
		expect(nearestIndex(f({ lieu: ['SQ_05'] }), built)?.key).toBe('');
	});

	it('reads layers and values as sets', () => {
		expect(selects(f({ layers: ['structures'] }) as never, f({ layers: ['structures'] }) as never)).toBe(
			true
		);
		expect(selects(NO_FILTERS, f({ secteur: ['reemploi'] }))).toBe(true);
		expect(selects(f({ secteur: ['reemploi', 'jardins'] }), f({ secteur: ['jardins'] }))).toBe(true);
		expect(selects(f({ secteur: ['jardins'] }), NO_FILTERS)).toBe(false);
	});

	it('has nothing to offer when no built index holds the combination', () => {
		expect(nearestIndex(f({ secteur: ['jardins', 'reemploi'] }), built.slice(1))).toBeUndefined();
		expect(nearestIndex(NO_FILTERS, [])).toBeUndefined();
	});
});
