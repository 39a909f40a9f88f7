import { describe, expect, it } from 'vitest';
import {
	fundingToolSchema,
	initiativeSchema,
	organisationSchema,
	type PublicRecord
} from '$lib/domain/records';
import { initiativeFixture, organisationFixture, toolFixture } from '$lib/domain/test-fixtures';
import { canonical, parseCell, parseNumber } from './cells';
import { parseCsv } from './csv';
import { diffRecords } from './diff';
import { recordsToCsv, recordsToFullGeoJson } from './export';
import { FIELDS, errorAnchor, fieldSpec } from '$lib/domain/fields';
import { parseGeoJson } from './geojson-table';
import { checkMapping, suggestMapping } from './mapping';
import { planImport, type PlanContext } from './plan';
import { formToRecord, recordToForm } from './record-form';
import { slugify } from './slug';
import type { Table } from './table';

const NOW = new Date('2026-11-29T12:00:00Z');
const org = organisationSchema.parse(
	organisationFixture({
		siret: '12345678900011',
		roles: ['acteur', 'financeur'],
		legalForm: 'association-declaree',
		quartierCode: 'SQ_07',
		address: '1 rue de Bourgogne',
		location: { lon: 7.7458, lat: 48.5558, precision: 'address' },
		thematiques: ['initiatives-habitants'],
		tags: ['a|b', 'c'],
		caveats: ['Adresse, à vérifier ; peut-être « ancienne »']
	})
);
const init = initiativeSchema.parse(
	initiativeFixture({ carrier: { kind: 'structure', organisationId: 'test-org' } })
);
const tool = fundingToolSchema.parse(
	toolFixture({
		amount: { min: 1000, max: 5000.5 },
		eligibility: { audiences: ['association'], qpvOnly: true }
	})
);

function context(existing: PublicRecord[] = [org, init, tool]): PlanContext {
	return {
		existing: existing.map((record) => ({ record, version: 3 })),
		refs: {
			communes: new Map([
				['67482', { name: 'Strasbourg' }],
				['67218', { name: 'Illkirch-Graffenstaden' }]
			]),
			quartiers: new Map([['SQ_07', { communeCode: '67482', subQuartiers: ['meinau'] }]]),
			qpv: new Set(['meinau']),
			thematiques: new Set(['initiatives-habitants', 'finance-solidaire'])
		},
		now: NOW
	};
}

function csvTable(text: string): Table {
	const out = parseCsv(text);
	if (!out.ok) throw new Error(out.message);
	return out.table;
}

describe('cells', () => {
	const spec = (path: string) => fieldSpec('organisation', path)!;

	it('reads French and English numbers, and refuses words', () => {
		expect(parseNumber('7,75')).toBe(7.75);
		expect(parseNumber('1 500,5')).toBe(1500.5);
		expect(parseNumber('-3.2e2')).toBe(-320);
		expect(parseNumber('7,750,1')).toBeUndefined();
		expect(parseNumber('abc')).toBeUndefined();
		expect(parseCell(spec('foundedYear'), '1998,5', { seen: '' })).toMatchObject({ ok: false });
	});

	it('reads yes/no, codes or their French labels, and lists', () => {
		const ctx = { seen: '2026-01-01' };
		expect(parseCell(spec('isEss'), 'Oui', ctx)).toEqual({ ok: true, value: true });
		expect(parseCell(spec('isEss'), 'peut-être', ctx)).toMatchObject({ ok: false });
		expect(parseCell(spec('legalForm'), 'Association déclarée (loi 1901)', ctx)).toEqual({
			ok: true,
			value: 'association-declaree'
		});
		expect(parseCell(spec('roles'), 'acteur; financeur', ctx)).toEqual({
			ok: true,
			value: ['acteur', 'financeur']
		});
		expect(parseCell(spec('tags'), 'a, b|c', ctx)).toEqual({ ok: true, value: ['a, b', 'c'] });
		expect(parseCell(spec('tags'), '["a|b"]', ctx)).toEqual({ ok: true, value: ['a|b'] });
		expect(parseCell(spec('tags'), '[1]', ctx)).toMatchObject({ ok: false });
	});

	it('reads sources as JSON or as addresses and references dated by the row', () => {
		expect(parseCell(spec('sources'), 'https://a.fr | Rapport 2014', { seen: '2026-02-03' })).toEqual({
			ok: true,
			value: [
				{ url: 'https://a.fr', seen: '2026-02-03' },
				{ reference: 'Rapport 2014', seen: '2026-02-03' }
			]
		});
		expect(parseCell(spec('sources'), '[{', { seen: '' })).toMatchObject({ ok: false });
	});

	it('treats absent values, empty lists and empty objects alike when comparing', () => {
		expect(canonical({ a: [], b: {}, c: undefined, d: 1 })).toBe(canonical({ d: 1 }));
		expect(canonical({ a: false })).not.toBe(canonical({}));
	});
});

describe('mapping', () => {
	it('suggests targets from our names, French labels and synonyms, once each', () => {
		expect(
			suggestMapping('organisation', [
				'Nom',
				'SIRET',
				'Code INSEE',
				'Latitude',
				'contact.website',
				'nom',
				'Autre'
			])
		).toEqual(['name', 'siret', 'communeCode', 'location.lat', 'contact.website', '', '']);
	});

	it('refuses unknown fields, a field used twice, and mappings with no key', () => {
		expect(checkMapping('organisation', ['a', 'b'], ['name', 'name'])).toMatchObject({ ok: false });
		expect(checkMapping('organisation', ['a'], ['nope'])).toMatchObject({ ok: false });
		expect(checkMapping('organisation', ['a'], ['description'])).toMatchObject({ ok: false });
		expect(checkMapping('organisation', ['a', 'b'], ['name'])).toMatchObject({ ok: false });
		expect(checkMapping('organisation', ['a', 'b'], ['name', ''])).toEqual({
			ok: true,
			mapping: ['name', '']
		});
	});
});

describe('planImport', () => {
	const header =
		'id,name,description,roles,legalForm,isEss,communeCode,sources,lastVerified,confidence,status';
	const line = (id: string, name: string, extra = '') =>
		`${id},${name},Une description.,acteur,association,oui,67482,https://exemple.fr,2026-01-01,low,published${extra}`;

	it('classifies new, update, unchanged and error rows without touching anything', () => {
		const existing = organisationSchema.parse(
			organisationFixture({
				id: 'deja-la',
				slug: 'deja-la',
				name: 'Déjà là',
				description: 'Une description.'
			})
		);
		const same = {
			...existing,
			sources: [{ url: 'https://exemple.fr', seen: '2026-01-01' }],
			lastVerified: '2026-01-01'
		};
		const table = csvTable(
			[
				header,
				line('nouvelle', 'Nouvelle'),
				line('deja-la', 'Déjà là'),
				line('deja-la-2', 'Changée'),
				line('mauvaise', 'Mauvaise').replace('67482', '99999')
			].join('\n')
		);
		// Updates only fill empty fields by default: this file chooses « remplacer » for the names.
		const plan = planImport(
			'organisation',
			table,
			suggestMapping('organisation', table.headers),
			{ ...context([same, { ...same, id: 'deja-la-2', slug: 'deja-la-2' }]), now: NOW },
			{ policies: { name: 'replace' } }
		);
		expect(plan.rows.map((r) => [r.line, r.status, r.recordId])).toEqual([
			[2, 'new', 'nouvelle'],
			[3, 'unchanged', 'deja-la'],
			[4, 'update', 'deja-la-2'],
			[5, 'error', 'mauvaise']
		]);
		expect(plan.rows[2].changes).toEqual(['Nom']);
		expect(plan.rows[2].expectedVersion).toBe(3);
		expect(plan.rows[3].errors).toEqual([
			{ field: 'communeCode', column: 'communeCode', message: 'commune inconnue « 99999 »' }
		]);
		expect(plan.counts).toEqual({ new: 1, update: 1, unchanged: 1, error: 1 });
	});

	it('finds records by SIRET, then by the name-derived id, and never twice', () => {
		const named = {
			...org,
			id: 'test-org-bis',
			slug: 'test-org-bis',
			name: 'Test Org Bis',
			siret: undefined
		};
		const table = csvTable(
			[
				'name,siret,description',
				'Nouveau nom,12345678900011,Autre texte.',
				'Test Org Bis,,Texte.',
				'Test Org Bis,,Encore.'
			].join('\n')
		);
		const plan = planImport('organisation', table, ['name', 'siret', 'description'], context([org, named]), {
			policies: { name: 'replace', description: 'replace' }
		});
		expect(plan.rows.map((r) => [r.keyBy, r.recordId, r.status])).toEqual([
			['siret', 'test-org', 'update'],
			['nom', 'test-org-bis', 'update'],
			['nom', 'test-org-bis', 'error']
		]);
		expect(plan.rows[2].errors[0].message).toMatch(/même fiche que la ligne 3/);
	});

	it('keeps unmapped fields on update and clears a mapped empty optional field', () => {
		const table = csvTable('id,address,location.lon,location.lat,location.precision\ntest-org,,,,\n');
		const replace = { policies: Object.fromEntries(table.headers.map((h) => [h, 'replace' as const])) };
		const plan = planImport(
			'organisation',
			table,
			suggestMapping('organisation', table.headers),
			context(),
			replace
		);
		expect(plan.rows[0].status).toBe('update');
		const record = plan.rows[0].record as typeof org;
		expect(record.address).toBeUndefined();
		expect(record.location).toBeUndefined();
		expect(record.siret).toBe(org.siret);
	});

	it('refuses a SIRET or a slug used by another record, an id of another kind, and a bad id', () => {
		const rest = 'Texte.,acteur,association,oui,67482,Rapport,low,2026-01-01';
		const table = csvTable(
			[
				'id,name,siret,slug,description,roles,legalForm,isEss,communeCode,sources,confidence,lastVerified',
				`autre,Autre,12345678900011,,${rest}`,
				`autre2,Autre 2,,test-org,${rest}`,
				`test-init,Nom,,,${rest}`,
				`Pas Un Id,Nom,,,${rest}`
			].join('\n')
		);
		const plan = planImport('organisation', table, suggestMapping('organisation', table.headers), context());
		expect(plan.rows.map((r) => r.status)).toEqual(['error', 'error', 'error', 'error']);
		expect(plan.rows.map((r) => r.errors[0].field)).toEqual(['siret', 'slug', 'id', 'id']);
	});

	it('new rows default to draft and get an id and slug from the name', () => {
		const table = csvTable(`name,description,roles,legalForm,isEss,communeCode,sources,confidence,lastVerified
Épicerie « L’Élan »,Texte.,acteur,association,non,67482,Rapport,low,2026-01-01`);
		const plan = planImport('organisation', table, suggestMapping('organisation', table.headers), context());
		expect(plan.rows[0]).toMatchObject({ status: 'new', recordId: 'epicerie-l-elan' });
		expect(plan.rows[0].record).toMatchObject({
			slug: 'epicerie-l-elan',
			status: 'draft',
			isEss: false,
			sources: [{ reference: 'Rapport', seen: '2026-01-01' }]
		});
	});

	it('checks links against the store and the file: providers, parents, tools', () => {
		const table = csvTable(`id,providerIds,combinesWith
test-tool,test-org|inconnu,test-tool`);
		const plan = planImport('funding-tool', table, ['id', 'providerIds', 'combinesWith'], context(), {
			policies: { providerIds: 'replace' }
		});
		expect(plan.rows[0].errors.map((e) => e.message)).toEqual([
			'financeur ou opérateur inconnu « inconnu »',
			'un outil ne se combine pas avec lui-même'
		]);
	});

	it('reports reading errors and schema errors with the column name', () => {
		const table: Table = {
			headers: ['id', 'location.lon', 'location.lat', 'location.precision'],
			rows: [
				{ line: 2, cells: ['test-org', 'abc', '48.5', 'address'] },
				{ line: 3, cells: ['test-init', '48.5', '7.7', 'commune'] },
				{ line: 4, cells: ['x'], error: 'guillemets mal fermés dans cette ligne' }
			]
		};
		const mapping = ['id', 'location.lon', 'location.lat', 'location.precision'];
		const orgPlan = planImport('organisation', table, mapping, context());
		expect(orgPlan.rows[0].errors[0]).toMatchObject({
			column: 'location.lon',
			message: expect.stringMatching(/nombre/)
		});
		expect(orgPlan.rows[2].errors[0].message).toMatch(/guillemets/);
		const initPlan = planImport('initiative', { ...table, rows: [table.rows[1]] }, mapping, context());
		expect(initPlan.rows[0].errors[0]).toMatchObject({ field: 'location', column: 'location.lon' });
	});
});

describe('export and re-import', () => {
	const kinds = [
		['organisation', org],
		['initiative', init],
		['funding-tool', tool]
	] as const;

	for (const [kind, record] of kinds) {
		it(`a CSV export of ${kind} imported again changes nothing`, () => {
			for (const excel of [false, true]) {
				const table = csvTable(recordsToCsv(kind, [record], { excel }));
				const plan = planImport(kind, table, suggestMapping(kind, table.headers), context());
				expect(plan.rows.map((r) => [r.status, r.errors])).toEqual([['unchanged', []]]);
			}
		});

		it(`a GeoJSON export of ${kind} imported again changes nothing`, () => {
			const out = parseGeoJson(JSON.stringify(recordsToFullGeoJson(kind, [record], { licence: 'x' })));
			if (!out.ok) throw new Error(out.message);
			const plan = planImport(kind, out.table, suggestMapping(kind, out.table.headers), context());
			expect(plan.rows.map((r) => [r.status, r.errors])).toEqual([['unchanged', []]]);
		});
	}

	it('every field has a distinct column name', () => {
		for (const fields of Object.values(FIELDS)) {
			const paths = fields.map((f) => f.path);
			expect(new Set(paths).size).toBe(paths.length);
		}
	});
});

describe('geojson table', () => {
	it('reads properties and Point geometries, and explains bad documents', () => {
		const out = parseGeoJson(
			JSON.stringify({
				type: 'FeatureCollection',
				features: [
					{
						type: 'Feature',
						id: 'a',
						geometry: { type: 'Point', coordinates: [7.7, 48.5] },
						properties: { name: 'A', contact: { email: 'a@b.fr' } }
					},
					{ type: 'Feature', geometry: { type: 'LineString', coordinates: [] }, properties: { name: 'B' } },
					{ type: 'Nope' }
				]
			})
		);
		if (!out.ok) throw new Error(out.message);
		expect(out.table.headers).toEqual(['name', 'contact.email', 'id', 'location.lon', 'location.lat']);
		expect(out.table.rows[0].cells).toEqual(['A', 'a@b.fr', 'a', '7.7', '48.5']);
		expect(out.table.rows[1].error).toMatch(/Point/);
		expect(out.table.rows[2].error).toMatch(/Feature/);
		expect(parseGeoJson('{')).toMatchObject({ ok: false });
		expect(parseGeoJson('{"type":"Feature"}')).toMatchObject({ ok: false });
	});
});

describe('record form', () => {
	it('shows a record and reads it back unchanged', () => {
		for (const record of [org, init, tool]) {
			const form = recordToForm(record);
			const raw: Record<string, string | string[]> = { ...form.values };
			form.sources.forEach((s, i) => {
				for (const [k, v] of Object.entries(s)) raw[`sources.${i}.${k}`] = v;
			});
			const back = formToRecord(record.kind, raw, record);
			expect(back.ok && canonical(back.record)).toBe(canonical(record));
		}
	});

	it('keeps the id when editing, derives id and slug when creating, and reports errors per field', () => {
		const raw = {
			...recordToForm(org).values,
			id: 'autre-id',
			'sources.0.url': 'https://a.fr',
			'sources.0.seen': '2026-01-01'
		};
		const edited = formToRecord('organisation', raw, org);
		expect(edited.ok && edited.record.id).toBe('test-org');
		const created = formToRecord('organisation', { ...raw, id: '', slug: '', name: 'Café « Le Lien »' });
		expect(created.ok && [created.record.id, created.record.slug]).toEqual(['cafe-le-lien', 'cafe-le-lien']);
		const bad = formToRecord('organisation', {
			...raw,
			'location.lon': 'x',
			'sources.0.url': 'javascript:alert(1)'
		});
		expect(bad).toMatchObject({ ok: false, errors: { 'location.lon': expect.stringMatching(/nombre/) } });
		const bad2 = formToRecord('organisation', { ...raw, 'sources.0.url': 'javascript:alert(1)', roles: [] });
		expect(bad2.ok ? {} : bad2.errors).toMatchObject({
			'sources.0.url': expect.any(String),
			roles: expect.any(String)
		});
		expect(errorAnchor('sources.0')).toBe('sources.0.url');
		expect(errorAnchor('roles.1')).toBe('roles');
	});
});

describe('diff and slug', () => {
	it('lists changed fields with labels, in form order', () => {
		const changes = diffRecords(org, {
			...org,
			name: 'Autre',
			contact: { email: 'a@b.fr' },
			roles: ['acteur']
		});
		expect(changes.map((c) => [c.label, c.before, c.after])).toEqual([
			['Nom', org.name, 'Autre'],
			['Rôles', "Structure de l'ESS ; Financeur", "Structure de l'ESS"],
			['E-mail', '', 'a@b.fr']
		]);
		expect(diffRecords(org, { ...org, version: 9 })).toEqual([]);
	});

	it('slugifies French names', () => {
		expect(slugify('Jardin partagé de l’Elsau')).toBe('jardin-partage-de-l-elsau');
		expect(slugify('Œuvre')).toBe('oeuvre');
		expect(slugify('!')).toBe('fiche-sans-nom');
	});
});
