import { describe, expect, it } from 'vitest';
import { directoryQueryString, distanceKm, effectiveSort, toggled } from './directory-query';
import { parseDirectoryQuery } from './directory-query-parse';

const src = [{ reference: 'x', seen: '2026-01-01' }];
const geo = {
	communes: [
		{
			code: '67482',
			slug: 'strasbourg',
			name: 'Strasbourg',
			postcodes: ['67000'],
			centroid: { lon: 7.75, lat: 48.58 },
			inCus2014: true,
			sources: src
		}
	],
	quartiers: [
		{
			code: 'SQ_07',
			slug: 'meinau',
			name: 'Meinau',
			communeCode: '67482',
			subQuartiers: [{ slug: 'meinau', name: 'Meinau' }],
			point: { lon: 7.76, lat: 48.56 },
			pointConfidence: 'medium' as const,
			sources: src
		}
	],
	thematiques: [{ code: 't1', label: 'T1', description: 'x', sources: src, lastVerified: '2026-01-01' }]
};
const parse = (qs: string) => parseDirectoryQuery(new URLSearchParams(qs), geo);

describe('parseDirectoryQuery', () => {
	it('reads text, facets (repeated or comma-separated), sort, page and place', () => {
		const { state, notes } = parse(
			'q=+velo+&kind=organisation&famille=association,cooperative&quartier=meinau&tri=distance&pres=meinau&page=2'
		);
		expect(notes).toEqual([]);
		expect(state.q).toBe('velo');
		expect(state.filters).toEqual({
			kind: ['organisation'],
			family: ['association', 'cooperative'],
			quartier: ['SQ_07']
		});
		expect(state.sort).toBe('distance');
		expect(state.page).toBe(2);
		expect(state.position).toEqual({ lon: 7.76, lat: 48.56, near: 'meinau', label: 'Meinau' });
	});

	it('accepts INSEE and quartier codes as well as slugs', () => {
		expect(parse('commune=67482&quartier=SQ_07').state.filters).toEqual({
			commune: ['67482'],
			quartier: ['SQ_07']
		});
	});

	it('drops unknown values with a French note instead of failing', () => {
		const { state, notes } = parse('quartier=nulle-part&famille=pirate&tri=hasard&page=-3&kind=x&pres=mars');
		expect(state.filters).toEqual({});
		expect(state.sort).toBeUndefined();
		expect(state.page).toBe(1);
		expect(state.position).toBeUndefined();
		expect(notes).toHaveLength(6);
		expect(notes).toContain('Filtre ignoré : famille inconnue « pirate ».');
	});

	it('keeps one kind (tabs), cuts long text, refuses positions outside the Eurométropole', () => {
		expect(parse('kind=organisation&kind=initiative').state.filters.kind).toEqual(['organisation']);
		const long = parse(`q=${'a'.repeat(500)}`);
		expect(long.state.q).toHaveLength(200);
		expect(long.notes[0]).toMatch(/raccourcie/);
		expect(parse('lat=48.58&lon=7.75').state.position).toMatchObject({ lat: 48.58, lon: 7.75 });
		expect(parse('lat=2&lon=40').state.position).toBeUndefined();
		expect(parse('lat=abc&lon=7.7').notes[0]).toMatch(/Position ignorée/);
		// A place chosen in the list wins over the coordinates the form still carries.
		expect(parse('pres=meinau&lat=48.58&lon=7.75').state.position?.near).toBe('meinau');
	});

	it('ignores a sort sent back unchanged (tri-actuel), keeps a changed one', () => {
		expect(parse('tri=nom&tri-actuel=nom&pres=meinau').state.sort).toBeUndefined();
		expect(parse('tri=verification&tri-actuel=nom').state.sort).toBe('verification');
	});

	it('never throws on hostile input', () => {
		for (const qs of [
			'q=%00',
			'q=%F0%9F%9A%B2',
			'kind=__proto__',
			'quartier=constructor',
			'page=1e9',
			'lat=Infinity&lon=NaN'
		])
			expect(() => parse(qs)).not.toThrow();
		expect(parse('kind=__proto__').state.filters).toEqual({});
	});
});

describe('directoryQueryString', () => {
	it('round-trips a state through the URL in one canonical order', () => {
		const qs = '?q=velo&kind=organisation&famille=association&quartier=meinau&tri=nom&page=3';
		const { state } = parse(qs.slice(1));
		expect(directoryQueryString(state, geo)).toBe(qs);
		expect(directoryQueryString(parse(directoryQueryString(state, geo).slice(1)).state, geo)).toBe(qs);
		expect(directoryQueryString(parse('quartier=SQ_07&q=x').state, geo)).toBe('?q=x&quartier=meinau');
		expect(directoryQueryString(parse('').state, geo)).toBe('');
	});

	it('resets the page when a filter is toggled', () => {
		const { state } = parse('quartier=meinau&page=4');
		expect(directoryQueryString(toggled(state, 'quartier', 'SQ_07'), geo)).toBe('');
		expect(directoryQueryString(toggled(state, 'family', 'association'), geo)).toBe(
			'?famille=association&quartier=meinau'
		);
		expect(toggled(parse('kind=initiative').state, 'kind', 'organisation').filters.kind).toEqual([
			'organisation'
		]);
	});
});

describe('effectiveSort', () => {
	it('falls back when the asked sort cannot apply', () => {
		expect(effectiveSort({ q: '', sort: undefined })).toBe('nom');
		expect(effectiveSort({ q: 'velo', sort: undefined })).toBe('pertinence');
		expect(effectiveSort({ q: '', sort: 'distance' })).toBe('nom');
		expect(effectiveSort({ q: '', sort: 'distance', position: { lat: 1, lon: 2, label: 'x' } })).toBe(
			'distance'
		);
		expect(effectiveSort({ q: '', sort: 'pertinence' })).toBe('nom');
		expect(effectiveSort({ q: '', sort: 'verification' })).toBe('verification');
		const here = { lat: 1, lon: 2, label: 'x' };
		expect(effectiveSort({ q: 'velo', sort: undefined, position: here })).toBe('distance');
		expect(effectiveSort({ q: 'velo', sort: 'pertinence', position: here })).toBe('pertinence');
	});
});

describe('distanceKm', () => {
	it('measures about 2.7 km between the cathedral and the Meinau point', () => {
		const d = distanceKm({ lat: 48.5818, lon: 7.7509 }, { lat: 48.558, lon: 7.7614 });
		expect(d).toBeGreaterThan(2.5);
		expect(d).toBeLessThan(2.9);
		expect(distanceKm({ lat: 48.5, lon: 7.7 }, { lat: 48.5, lon: 7.7 })).toBe(0);
	});
});
