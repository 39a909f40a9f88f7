import { describe, expect, it } from 'vitest';
import { DIRECTORY_OWN_PARAMS } from '../directory-query';
import { EXPLORER_OWN_PARAMS, explorerParams, defaultState } from '../map/map-url';
import { parseExplorerParams } from '../map/map-url-parse';
import { PAGING_PARAMS } from '../query';
import type { RecordKind } from '../records';
import { organisationFixture, initiativeFixture, toolFixture } from '../test-fixtures';
import { fundingToolSchema, initiativeSchema, organisationSchema } from '../records';
import { fundingControls, mapControls } from './controls';
import { recordMapCodes } from './map-codes';
import { FILTERS, filterOf, filtersOn, type FilterKey } from './registry';
import type { FilterDescriptor, FilterRef, Surface } from './types';
import { nameTable, paramGroups, readForm, readLenient, readStrict, writeSelection } from './url';
import { valueLabel, valueSchema, valuesOf } from './values';

const ref: FilterRef = {
	communes: [
		{ code: '67482', slug: 'strasbourg', name: 'Strasbourg' },
		{ code: '67447', slug: 'schiltigheim', name: 'Schiltigheim' }
	],
	quartiers: [
		{ code: 'SQ_06', slug: 'cronenbourg-hautepierre', name: 'Cronenbourg – Hautepierre' },
		{ code: 'SQ_07', slug: 'meinau', name: 'Meinau' }
	],
	thematiques: [{ code: 'emploi', label: 'Emploi' }],
	qpv: [{ slug: 'hautepierre', name: 'Hautepierre' }]
};

const ALL = FILTERS as readonly FilterDescriptor[];
const KINDS: RecordKind[] = ['organisation', 'initiative', 'funding-tool', 'event'];
const qs = (s: string) => new URLSearchParams(s);

/**
 * Every public parameter name that existed before the registry, surface by surface, with the filter it
 * meant. They must stay accepted (links already shared keep working).
 */
const BEFORE: Record<string, [name: string, key: FilterKey, kind?: RecordKind][]> = {
	api: [
		...(['role', 'family', 'legalForm', 'approval', 'fiscal', 'sector'] as const).map(
			(n) => [n, n, 'organisation'] as [string, FilterKey, RecordKind]
		),
		['thematique', 'thematique', 'organisation'],
		['commune', 'commune', 'organisation'],
		['quartier', 'quartier', 'organisation'],
		['qpv', 'qpv', 'organisation'],
		['ess', 'ess', 'organisation'],
		['type', 'initiativeType', 'initiative'],
		['need', 'need', 'initiative'],
		['sector', 'sector', 'initiative'],
		['thematique', 'thematique', 'initiative'],
		['commune', 'commune', 'initiative'],
		['quartier', 'quartier', 'initiative'],
		['qpv', 'qpv', 'initiative'],
		['ess', 'ess', 'initiative'],
		['type', 'fundingType', 'funding-tool'],
		['stage', 'stage', 'funding-tool'],
		['audience', 'audience', 'funding-tool'],
		['territory', 'territory', 'funding-tool'],
		['availability', 'availability', 'funding-tool'],
		['purpose', 'purpose', 'funding-tool'],
		['provider', 'provider', 'funding-tool'],
		['thematique', 'thematique', 'funding-tool']
	],
	annuaire: [
		['kind', 'kind'],
		['famille', 'family'],
		['forme', 'legalForm'],
		['agrement', 'approval'],
		['thematique', 'thematique'],
		['commune', 'commune'],
		['quartier', 'quartier'],
		['type-initiative', 'initiativeType'],
		['type', 'fundingType'],
		['stade', 'stage']
	],
	map: [
		['thematique', 'thematique'],
		['secteur', 'sector'],
		['lieu', 'commune'],
		['lieu', 'quartier']
	],
	funding: [
		['type', 'fundingType'],
		['thematique', 'thematique'],
		['ouvert', 'open']
	]
};

describe('the descriptors', () => {
	it('have a key, a French label and word, kinds, and values with labels', () => {
		expect(new Set(ALL.map((d) => d.key)).size).toBe(ALL.length);
		for (const d of ALL) {
			expect(d.label, d.key).toMatch(/^\p{Lu}/u);
			expect(d.word, d.key).not.toBe('');
			expect(d.kinds.length, d.key).toBeGreaterThan(0);
			const values = valuesOf(d, ref);
			if (d.source.from === 'pattern') {
				expect(valueSchema(d, ref).safeParse(d.source.example).success, d.key).toBe(true);
				continue;
			}
			expect(values.length, d.key).toBeGreaterThan(0);
			expect(new Set(values.map((v) => v.code)).size, d.key).toBe(values.length);
			for (const v of values) {
				expect(v.label, `${d.key} ${v.code}`).not.toBe('');
				expect(valueLabel(d, ref, v.code)).toBe(v.label);
				// Each value is accepted by its code and its other spellings, and means that code.
				for (const spelling of [v.code, v.slug, ...(v.also ?? [])].filter((x) => x !== undefined))
					expect(valueSchema(d, ref).parse(spelling), `${d.key} ${spelling}`).toBe(v.code);
			}
		}
	});

	it('offer each filter only for kinds that have it, and somewhere', () => {
		for (const d of ALL) {
			expect(Object.keys(d.on).length, d.key).toBeGreaterThan(0);
			for (const k of d.on.api ?? []) expect(d.kinds, d.key).toContain(k);
		}
		const tabs = filtersOn('annuaire').filter((d) => d.on.annuaire?.tabs);
		expect(tabs.map((d) => [d.key, d.single])).toEqual([['kind', true]]);
	});

	it('read records of their kinds and nothing from others', () => {
		const org = organisationSchema.parse(
			organisationFixture({ legalForm: 'scop', sectors: ['reemploi'], quartierCode: 'SQ_07' })
		);
		const init = initiativeSchema.parse(initiativeFixture({ needs: ['local'] }));
		const tool = fundingToolSchema.parse(toolFixture({ types: ['garantie'] }));
		expect(filterOf('legalForm').read(org)).toEqual(['scop']);
		expect(filterOf('family').read(org)).toEqual(['cooperative']);
		expect(filterOf('sector').read(org)).toEqual(['reemploi']);
		expect(filterOf('quartier').read(org)).toEqual(['SQ_07']);
		expect(filterOf('ess').read(org)).toEqual(['true']);
		const supplier = organisationSchema.parse(
			organisationFixture({
				approvals: ['aci'],
				naf: '81.30Z',
				sizeBand: '11',
				serviceTypes: ['prestation']
			})
		);
		expect(filterOf('activityFamily').read(supplier)).toEqual(['environnement-reemploi']);
		expect(filterOf('activityFamily').read(org)).toEqual([]);
		expect(filterOf('sizeBand').read(supplier)).toEqual(['11']);
		expect(filterOf('legalBasis').read(supplier)).toEqual(['L2113-13', 'L2113-14', 'L2113-15']);
		expect(filterOf('serviceType').read(supplier)).toEqual(['prestation']);
		expect(filterOf('need').read(init)).toEqual(['local']);
		expect(filterOf('fundingType').read(tool)).toEqual(['garantie']);
		expect(filterOf('open').read(tool, { now: new Date('2026-01-01') })).toEqual(['oui']);
		for (const d of ALL)
			for (const r of [org, init, tool])
				if (!d.kinds.includes(r.kind)) expect(d.read(r), `${d.key} ${r.kind}`).toEqual([]);
	});
});

describe('names', () => {
	const surfaces: [Surface, RecordKind | undefined][] = [
		...KINDS.map((k) => ['api', k] as [Surface, RecordKind]),
		['annuaire', undefined],
		['map', undefined],
		['funding', undefined]
	];

	it('lead to one filter per surface and kind (the map’s shared `lieu` aside)', () => {
		for (const [surface, kind] of surfaces)
			for (const [name, filters] of nameTable(surface, kind)) {
				if (filters.length === 1) continue;
				// Filters may share a name only where a surface writes them as one parameter.
				expect(surface, name).toBe('map');
				expect(new Set(filters.map((d) => d.on.map?.param)).size, name).toBe(1);
				expect(filters[0].on.map?.param, name).toBe(name);
			}
	});

	it('never take a name a surface uses for something else', () => {
		const own: Partial<Record<Surface, readonly string[]>> = {
			api: PAGING_PARAMS,
			annuaire: DIRECTORY_OWN_PARAMS,
			map: EXPLORER_OWN_PARAMS,
			// The finder's profile, read on the same page.
			funding: ['structure', 'forme', 'stade', 'montant', 'besoin', 'territoire', 'tri']
		};
		for (const [surface, kind] of surfaces)
			for (const name of nameTable(surface, kind).keys())
				expect(own[surface], `${surface} ${name}`).not.toContain(name);
	});

	it('accept every name that existed before, for the same filter', () => {
		for (const [surface, names] of Object.entries(BEFORE) as [Surface, (typeof BEFORE)['api']][])
			for (const [name, key, kind] of names) {
				const filters = nameTable(surface, kind).get(name) ?? [];
				expect(
					filters.map((d) => d.key),
					`${surface} ${kind ?? ''} ${name}`
				).toContain(key);
			}
	});

	it('accept the canonical French name on every surface that offers the filter', () => {
		for (const [surface, kind] of surfaces)
			for (const d of filtersOn(surface, kind)) expect(nameTable(surface, kind).get(d.param)).toContain(d);
	});
});

/** A selection with the first value of every filter offered on a surface. */
function sample(surface: Surface, kind?: RecordKind) {
	return Object.fromEntries(
		filtersOn(surface, kind).map((d) => [d.key, [valuesOf(d, ref)[0]?.code ?? 'un-financeur']])
	);
}

describe('URLs', () => {
	it('annuaire: the canonical query string reads back to the same selection', () => {
		const selection = sample('annuaire');
		const written = writeSelection(new URLSearchParams(), selection, 'annuaire', ref);
		expect(written.get('commune')).toBe('strasbourg'); // slugs where there are some
		expect(written.get('secteur')).toBe('accompagnement');
		const read = readLenient(written, 'annuaire', ref);
		expect(read.rejected).toEqual([]);
		expect(read.selection).toEqual(selection);
	});

	it('annuaire: unknown values are set aside with their parameter, one-at-a-time filters keep one', () => {
		const read = readLenient(qs('kind=initiative,organisation&secteur=x&forme=scop'), 'annuaire', ref);
		expect(read.selection).toEqual({ kind: ['initiative'], legalForm: ['scop'] });
		expect(read.rejected.map((r) => [r.parameter, r.value, r.filter.key])).toEqual([
			['secteur', 'x', 'sector']
		]);
	});

	it('API: every filter of every kind reads, under its canonical name and its aliases', () => {
		for (const kind of KINDS)
			for (const d of filtersOn('api', kind)) {
				const value = valuesOf(d, ref)[0]?.code ?? 'un-financeur';
				for (const [name, filters] of nameTable('api', kind)) {
					if (!filters.includes(d)) continue;
					const read = readStrict(qs(`${name}=${value}`), kind, ref, []);
					expect(read, `${kind} ${name}`).toEqual({ ok: true, selection: { [d.key]: [value] } });
				}
			}
	});

	it('API: names the parameter of the first problem', () => {
		expect(readStrict(qs('legalForm=sarl'), 'organisation', ref, [])).toEqual({
			ok: false,
			error: { parameter: 'legalForm', message: 'forme juridique inconnue : « sarl »' }
		});
		expect(readStrict(qs('forme=scop&ess=true,false'), 'organisation', ref, [])).toMatchObject({
			ok: false,
			error: { parameter: 'ess' }
		});
		const wrongKind = readStrict(qs('type=garantie'), 'initiative', ref, []);
		expect(wrongKind).toMatchObject({ ok: false, error: { parameter: 'type' } });
		expect(readStrict(qs('limit=3'), 'initiative', ref, ['limit'])).toEqual({ ok: true, selection: {} });
	});

	it('map: the shared `lieu` takes commune and quartier codes (and slugs), written back as codes', () => {
		const { state, ignored } = parseExplorerParams(
			qs('lieu=67447,cronenbourg-hautepierre&quartier=SQ_07&secteur=jardins'),
			ref
		);
		expect(ignored).toEqual([]);
		expect(state.filters.lieu).toEqual(['SQ_06', 'SQ_07', '67447']);
		expect(explorerParams(state).toString()).toBe('secteur=jardins&lieu=SQ_06%2CSQ_07%2C67447');
		const everything = defaultState();
		for (const { param, filters } of paramGroups('map'))
			everything.filters[param] = filters.map((d) => valuesOf(d, ref)[0].code);
		expect(parseExplorerParams(explorerParams(everything), ref).state).toEqual(everything);
	});

	it('funding list: one value per field, errors keyed by the field', () => {
		expect(readForm(qs('type=garantie&ouvert=true&thematique=emploi'), 'funding', ref)).toEqual({
			selection: { fundingType: ['garantie'], open: ['oui'], thematique: ['emploi'] },
			raw: { type: 'garantie', ouvert: 'true', thematique: 'emploi' },
			errors: []
		});
		expect(readForm(qs('ouvert=non'), 'funding', ref).selection).toEqual({});
		const bad = readForm(qs('type=don&type=garantie&ouvert=peut-etre'), 'funding', ref);
		expect(bad.errors.map((e) => e.field)).toEqual(['type', 'ouvert']);
	});
});

describe('controls and map codes', () => {
	it('give the map one select per parameter, places grouped quartiers first', () => {
		const controls = mapControls(ref);
		expect(controls.map((c) => [c.param, c.label])).toEqual([
			['thematique', 'Thématique'],
			['secteur', 'Secteur'],
			['lieu', 'Commune ou quartier'],
			['activite', 'Famille d’activité'],
			['taille', 'Tranche d’effectifs salariés']
		]);
		expect(controls[2].groups.map((g) => [g.label, g.options.length])).toEqual([
			['Quartiers de Strasbourg', 2],
			['Communes', 2]
		]);
		expect(fundingControls(ref).map((c) => [c.param, c.checkbox?.value])).toEqual([
			['type', undefined],
			['thematique', undefined],
			['ouvert', 'oui']
		]);
	});

	it('give each coded filter its own one-letter prefix (x is the synthetic badge)', () => {
		const prefixes = ALL.flatMap((d) => (d.mapCode ? [d.mapCode.prefix] : []));
		expect(new Set(prefixes).size).toBe(prefixes.length);
		for (const p of prefixes) expect(p).toMatch(/^[a-wyz]$/);
		// Every map filter is carried by the points.
		for (const d of filtersOn('map')) expect(d.mapCode, d.key).toBeDefined();
		const org = organisationSchema.parse(
			organisationFixture({ sectors: ['reemploi'], quartierCode: 'SQ_07' })
		);
		expect(recordMapCodes(org)).toEqual(['r:acteur', 's:reemploi', 'c:67482', 'q:SQ_07', 'e:1']);
	});
});
