import { afterEach, describe, expect, it } from 'vitest';
import { overwriteGetLocale } from '$lib/paraglide/runtime';
import { basemapFallbackNotice } from './map-notice';

afterEach(() => overwriteGetLocale(() => 'fr'));

describe('the basemap fallback notice', () => {
	it('reads as before in French', () => {
		expect(basemapFallbackNotice({ basemap: 'ign', reason: 'tiles' })).toBe(
			'Le fond « Plan IGN » est indisponible (tuiles injoignables) : fond simplifié affiché.'
		);
		expect(basemapFallbackNotice({ basemap: 'openfreemap', reason: 'webgl' })).toBe(
			'Le fond « OpenFreeMap » demande WebGL, absent de ce navigateur : fond simplifié affiché.'
		);
	});

	it('says why in German and English', () => {
		overwriteGetLocale(() => 'de');
		expect(basemapFallbackNotice({ basemap: 'ign', reason: 'timeout' })).toBe(
			'Die Hintergrundkarte „Plan IGN“ ist nicht verfügbar (Zeitüberschreitung): vereinfachte Karte angezeigt.'
		);
		overwriteGetLocale(() => 'en');
		expect(basemapFallbackNotice({ basemap: 'ign', reason: 'webgl' })).toBe(
			'The “Plan IGN” basemap needs WebGL, which this browser lacks: simplified basemap shown.'
		);
		expect(basemapFallbackNotice({ basemap: 'openfreemap', reason: 'style' })).toBe(
			'The “OpenFreeMap” basemap is unavailable (style unreadable or unreachable): simplified basemap shown.'
		);
	});
});
