import { describe, expect, it } from 'vitest';
import { embedFrameTitle } from './embed';

describe('embedFrameTitle', () => {
	it('titles the frame in the embed’s language, not the page’s', () => {
		expect(embedFrameTitle('map', 'fr', undefined)).toBe('Carto ESS : carte de l’ESS');
		expect(embedFrameTitle('map', 'fr', 'Meinau')).toBe('Carto ESS : carte de l’ESS à Meinau');
		expect(embedFrameTitle('map', 'de', 'Meinau')).toBe(
			'Carto ESS: Karte der Sozial- und Solidarwirtschaft in Meinau'
		);
		expect(embedFrameTitle('map', 'en', undefined)).toBe(
			'Carto ESS: map of the social and solidarity economy'
		);
		expect(embedFrameTitle('initiatives', 'fr', 'Meinau')).toBe('Carto ESS : initiatives à Meinau');
	});
});
