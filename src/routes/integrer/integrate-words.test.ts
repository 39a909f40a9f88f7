import { afterEach, describe, expect, it } from 'vitest';
import { overwriteGetLocale } from '$lib/paraglide/runtime';
import { displayLabel, integrateIssue } from './integrate-words';

afterEach(() => overwriteGetLocale(() => 'fr'));
const inLocale = (locale: 'fr' | 'de' | 'en') => overwriteGetLocale(() => locale);

describe('/integrer in the reader’s language', () => {
	it('names the displays and says what was dropped', () => {
		expect(displayLabel('quartier')).toBe('Les initiatives du quartier ou de la commune (liste simple)');
		inLocale('de');
		expect(displayLabel('liste')).toBe('Nur die Liste');
		expect(integrateIssue({ field: 'thematique', value: 'x' })).toBe('Themenfeld: „x“ unbekannt, ignoriert.');
		expect(integrateIssue({ field: 'height' })).toBe(
			'Höhe: Erwartet wird eine Pixelzahl zwischen 300 und 1500, 600 wird verwendet.'
		);
		inLocale('en');
		expect(integrateIssue({ field: 'language', value: 'tlh', used: 'en' })).toBe(
			'Language: “tlh” unknown (fr, de, en), English is used.'
		);
	});
});
