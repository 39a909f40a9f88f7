import { afterEach, describe, expect, it } from 'vitest';
import { FILTERS } from '$lib/domain/filters/registry';
import { overwriteGetLocale } from '$lib/paraglide/runtime';
import {
	aroundSummary,
	distanceLabel,
	filterLabel,
	formatDay,
	formatDistance,
	formatNumber,
	layerLabel,
	valueLabel
} from './explorer';

afterEach(() => overwriteGetLocale(() => 'fr'));

describe('what "autour de moi" says', () => {
	const around = { center: { lon: 7.75, lat: 48.58 }, radius: 1000, label: 'votre position' };
	const exact = { precision: 'address' as const };
	const quartier = { precision: 'quartier' as const };
	const commune = { precision: 'commune' as const };

	it('gives a distance only for a place at its own position', () => {
		expect(distanceLabel(exact.precision, 8)).toBe('à 10 m');
		expect(distanceLabel('street', 1234)).toBe('à 1,2 km');
		expect(distanceLabel(quartier.precision, 8)).toBe('position approximative (centre du quartier)');
		expect(distanceLabel(commune.precision, 8)).toBe('position approximative (centre de la commune)');
	});

	it('counts the places and says how many are approximate', () => {
		expect(aroundSummary(around, [])).toBe('Autour de votre position : aucun lieu à moins de 1 km.');
		expect(aroundSummary(around, [exact])).toBe('Autour de votre position : 1 lieu à moins de 1 km.');
		expect(aroundSummary(around, [quartier])).toBe(
			'Autour de votre position : 1 lieu à moins de 1 km, en position approximative (centre du quartier ou de la commune).'
		);
		expect(aroundSummary(around, [exact, exact])).toBe(
			'Autour de votre position : 2 lieux à moins de 1 km, du plus proche au plus éloigné.'
		);
		expect(aroundSummary(around, [quartier, commune])).toBe(
			'Autour de votre position : 2 lieux à moins de 1 km, du plus proche au plus éloigné, tous en position approximative (centre du quartier ou de la commune).'
		);
		expect(aroundSummary(around, [exact, quartier, commune])).toBe(
			'Autour de votre position : 3 lieux à moins de 1 km, du plus proche au plus éloigné, dont 2 en position approximative (centre du quartier ou de la commune).'
		);
	});

	it('says it in German and English, numbers in their format', () => {
		overwriteGetLocale(() => 'de');
		expect(distanceLabel('address', 1234)).toBe('1,2 km entfernt');
		expect(aroundSummary({ ...around, label: 'Ihren Standort' }, [exact, quartier])).toBe(
			'Rund um Ihren Standort: 2 Orte im Umkreis von 1 km, vom nächsten zum entferntesten, davon 1 mit ungefährer Lage (Mitte des Viertels oder der Gemeinde).'
		);
		expect(formatNumber(12345)).toBe('12.345');
		overwriteGetLocale(() => 'en');
		expect(formatDistance(1234)).toBe('1.2 km');
		expect(aroundSummary({ ...around, label: 'your position' }, [])).toBe(
			'Around your position: no place within 1 km.'
		);
		expect(formatNumber(12345)).toBe('12,345');
	});
});

describe('the filters’ words', () => {
	it('names layers, filters and values in the reader’s language, places as written', () => {
		expect(layerLabel('structures')).toBe('Structures de l’ESS');
		expect(formatNumber(12345)).toBe('12\u202f345');
		overwriteGetLocale(() => 'en');
		expect(layerLabel('initiatives')).toBe('Residents’ initiatives');
		expect(filterLabel('sizeBand', 'Tranche d’effectifs salariés')).toBe('Number of employees');
		expect(valueLabel('sector', 'mobilite', 'Mobilité et vélo')).toBe('Mobility and cycling');
		expect(valueLabel('kind', 'funding-tool', 'Financements')).toBe('Funding');
		expect(valueLabel('commune', '67482', 'Strasbourg')).toBe('Strasbourg');
		expect(valueLabel('thematique', 'maison-ess', 'Création d’une Maison de l’ESS')).toBe(
			'Creating a House of the social and solidarity economy'
		);
	});
});

describe('days', () => {
	it('writes a day as French pages did, and in each language’s own way', () => {
		expect(formatDay('2025-03-01')).toBe('1 mars 2025');
		overwriteGetLocale(() => 'de');
		expect(formatDay('2025-03-01')).toBe('1. März 2025');
		overwriteGetLocale(() => 'en');
		expect(formatDay('2025-03-01')).toBe('1 March 2025');
		expect(formatDay('pas une date')).toBe('pas une date');
	});
});

describe('the filters’ French names', () => {
	it('are the registry’s own, so French pages read as before', () => {
		for (const d of FILTERS) expect(filterLabel(d.key, d.label), d.key).toBe(d.label);
	});
});
