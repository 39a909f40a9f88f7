import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import {
	fundingToolSchema,
	initiativeSchema,
	organisationSchema,
	type PublicRecord,
	type PublicRecordInput
} from '$lib/domain/records';
import { initiativeFixture, organisationFixture, toolFixture } from '$lib/domain/test-fixtures';
import { parseCsv } from '$lib/io/csv';
import { suggestMapping } from '$lib/io/mapping';
import { planImport } from '$lib/io/plan';
import { recordToForm } from '$lib/io/record-form';
import type { Commune, Quartier, Thematique } from '$lib/domain/geography';
import { migrate, openDatabase, type Db } from '../db/connection';
import { sqliteClient, type SqlClient } from '../db/sql';
import { getImportJob, allRecords } from '../db/admin';
import { createProposal, getProposal } from '../db/proposals';
import {
	dataVersion,
	getRecordById,
	insertCommune,
	insertQuartier,
	insertRecord,
	insertThematique,
	listHistory,
	updateRecord
} from '../db/records';
import { placeRefs } from './context';
import { mergeRecords } from '$lib/domain/merge';
import { findDuplicates, mergeDuplicates, nameSimilarity, normaliseName } from './duplicates';
import { exportRecords, exportResponse, parseExportName } from './export';
import { applyPlan, createImportJob, startApply, startDryRun, type StoredPlan } from './import';
import { applyChanges, approveProposal, proposalView, rejectProposal } from './moderation';
import {
	createFromForm,
	historyView,
	markVerified,
	overwriteAfterConflict,
	restoreVersion,
	saveFromForm,
	setStatus
} from './records';

const alice = { id: 'u-alice', name: 'Alice' };
const bob = { id: 'u-bob', name: 'Bob' };
let db: Db;
let sql: SqlClient;

const org = organisationSchema.parse(
	organisationFixture({
		roles: ['acteur', 'financeur'],
		legalForm: 'association-declaree',
		siret: '12345678900011',
		location: { lon: 7.75, lat: 48.58, precision: 'address' },
		address: '1 rue du Test'
	})
);
const init = initiativeSchema.parse(
	initiativeFixture({ carrier: { kind: 'structure', organisationId: 'test-org' } })
);
const tool = fundingToolSchema.parse(toolFixture());

function setup(records: PublicRecord[] = [org, init, tool]) {
	db = openDatabase(':memory:');
	sql = sqliteClient(db);
	migrate(db);
	const source = [{ reference: 'test', seen: '2026-01-01' }];
	insertCommune(db, {
		code: '67482',
		slug: 'strasbourg',
		name: 'Strasbourg',
		postcodes: ['67000'],
		centroid: { lon: 7.75, lat: 48.58 },
		inCus2014: true,
		sources: source
	} as Commune);
	insertQuartier(db, {
		code: 'SQ_07',
		slug: 'meinau',
		name: 'Meinau',
		communeCode: '67482',
		subQuartiers: [{ slug: 'meinau', name: 'Meinau' }],
		point: { lon: 7.75, lat: 48.56 },
		pointConfidence: 'low',
		sources: source
	} as Quartier);
	insertThematique(db, {
		code: 'finance-solidaire',
		label: 'Finance solidaire',
		description: 'x',
		sources: source
	} as unknown as Thematique);
	for (const r of records) insertRecord(db, r, { by: null, action: 'seed' });
}

function raw(record: PublicRecordInput, overrides: Record<string, string | string[]> = {}) {
	const form = recordToForm(record);
	const out: Record<string, string | string[]> = { ...form.values };
	form.sources.forEach((s, i) => Object.entries(s).forEach(([k, v]) => (out[`sources.${i}.${k}`] = v)));
	return { ...out, ...overrides };
}

async function settle(id: string) {
	for (let i = 0; i < 1000; i++) {
		const status = (await getImportJob(sql, id))?.status;
		if (status !== 'planning' && status !== 'applying') return (await getImportJob(sql, id))!;
		await new Promise((r) => setImmediate(r));
	}
	throw new Error('import did not finish');
}

beforeEach(() => setup());

describe('editing', () => {
	it('saves a form, and a second save from the same version meets a conflict with both versions', async () => {
		const first = await saveFromForm(sql, org.id, raw(org, { name: 'Nom d’Alice' }), 1, alice);
		expect(first).toMatchObject({ ok: true, version: 2 });
		const second = await saveFromForm(sql, org.id, raw(org, { name: 'Nom de Bob' }), 1, bob);
		expect(second.ok).toBe(false);
		if (second.ok || second.kind !== 'conflict') throw new Error('conflict expected');
		expect(second.conflict.theirs).toMatchObject({ name: 'Nom d’Alice', version: 2 });
		// Alice has no account row in this test store: she is named generically.
		expect(second.conflict.theirsBy).toBe('un autre compte');
		expect(second.conflict.diff.map((d) => [d.label, d.before, d.after])).toEqual([
			['Nom', 'Nom d’Alice', 'Nom de Bob']
		]);
		expect(getRecordById(db, org.id)?.name).toBe('Nom d’Alice');
		// "Keep my version", knowingly, over the version now shown.
		const kept = await overwriteAfterConflict(sql, org.id, JSON.stringify(second.conflict.mine), 2, bob);
		expect(kept).toMatchObject({ ok: true, version: 3 });
		expect(getRecordById(db, org.id)?.name).toBe('Nom de Bob');
	});

	it('reports schema and cross-check errors per field and writes nothing', async () => {
		const out = await saveFromForm(
			sql,
			org.id,
			raw(org, { communeCode: '99999', 'contact.email': 'pas-un-mail', slug: 'test-init' }),
			1,
			alice
		);
		expect(out.ok).toBe(false);
		if (out.ok || out.kind !== 'invalid') throw new Error('invalid expected');
		expect(out.errors).toMatchObject({ 'contact.email': expect.any(String) });
		const out2 = await saveFromForm(
			sql,
			init.id,
			raw(init, { communeCode: '99999', slug: 'test-init' }),
			1,
			alice
		);
		if (out2.ok || out2.kind !== 'invalid') throw new Error('invalid expected');
		expect(out2.errors).toEqual({ communeCode: 'commune inconnue « 99999 »' });
		expect(listHistory(db, org.id)).toHaveLength(1);
	});

	it('creates a record with an id from its name and refuses a taken id', async () => {
		const form = raw(org, { id: '', slug: '', name: 'Nouvelle structure', siret: '' });
		expect(await createFromForm(sql, 'organisation', form, alice)).toEqual({
			ok: true,
			id: 'nouvelle-structure'
		});
		const again = await createFromForm(sql, 'organisation', form, alice);
		expect(again.ok).toBe(false);
		if (!again.ok) expect(Object.keys(again.errors)).toEqual(expect.arrayContaining(['id']));
		expect(listHistory(db, 'nouvelle-structure')[0]).toMatchObject({
			action: 'create',
			changedBy: 'u-alice'
		});
	});

	it('restores an old version as a new version, archives, and marks verified', async () => {
		await saveFromForm(sql, org.id, raw(org, { name: 'Changé' }), 1, alice);
		expect(await restoreVersion(sql, org.id, 1, 2, alice)).toMatchObject({ ok: true, version: 3 });
		expect(getRecordById(db, org.id)).toMatchObject({ name: org.name, version: 3 });
		expect(await restoreVersion(sql, org.id, 1, 2, alice)).toMatchObject({ ok: false, kind: 'conflict' });
		expect(await setStatus(sql, org.id, 'archived', 3, alice)).toMatchObject({ ok: true });
		expect(await markVerified(sql, org.id, 4, alice, new Date('2026-11-29T10:00:00Z'))).toMatchObject({
			ok: true
		});
		expect(getRecordById(db, org.id)).toMatchObject({ status: 'archived', lastVerified: '2026-11-29' });
		const history = await historyView(sql, org.id);
		expect(history.map((h) => h.entry.action)).toEqual(['verify', 'archive', 'restore', 'update', 'seed']);
		expect(history[0].changes.map((c) => c.path)).toEqual(['lastVerified']);
		expect(history[2].changes.map((c) => [c.path, c.after])).toEqual([['name', org.name]]);
		expect(history[4].by).toMatch(/import initial/);
	});
});

describe('moderation', () => {
	const change = (changes: Record<string, string>) =>
		createProposal(db, {
			type: 'change',
			targetId: org.id,
			payload: { targetId: org.id, changes, explanation: 'Le nom a changé en 2026.' }
		});

	it('shows a change proposal as a diff and approves it with the version seen', async () => {
		const p = change({ name: 'Nom corrigé', phone: '03 88 00 00 00' });
		const view = (await proposalView(sqliteClient(db), p.id))!;
		expect(view.diff.map((d) => [d.path, d.after])).toEqual([
			['name', 'Nom corrigé'],
			['contact.phone', '03 88 00 00 00']
		]);
		expect(await approveProposal(sqliteClient(db), p.id, 1, alice)).toEqual({
			ok: true,
			recordId: org.id
		});
		expect(getRecordById(db, org.id)).toMatchObject({
			name: 'Nom corrigé',
			contact: { phone: '03 88 00 00 00' }
		});
		expect(getProposal(db, p.id)).toMatchObject({ status: 'approved', decidedBy: 'u-alice' });
		expect(listHistory(db, org.id)[0]).toMatchObject({
			action: 'proposal',
			note: `proposition ${p.id} approuvée`
		});
		expect(await approveProposal(sqliteClient(db), p.id, 2, alice)).toMatchObject({ ok: false });
	});

	it('refuses to approve over a record changed since it was displayed, and writes nothing', async () => {
		const p = change({ name: 'Nom corrigé' });
		await saveFromForm(sql, org.id, raw(org, { description: 'Changée entre-temps.' }), 1, bob);
		expect(await approveProposal(sql, p.id, 1, alice)).toMatchObject({
			ok: false,
			message: expect.stringMatching(/modifiée depuis/)
		});
		expect(getProposal(db, p.id)?.status).toBe('pending');
		expect(getRecordById(db, org.id)?.name).toBe(org.name);
	});

	it('rejects with a required reason', async () => {
		const p = change({ name: 'Spam' });
		expect(await rejectProposal(sqliteClient(db), p.id, ' ', alice)).toMatchObject({
			ok: false,
			field: 'reason'
		});
		expect(await rejectProposal(sqliteClient(db), p.id, 'Information non vérifiable', alice)).toEqual({
			ok: true
		});
		expect(getProposal(db, p.id)).toMatchObject({
			status: 'rejected',
			decisionReason: 'Information non vérifiable'
		});
	});

	it('turns a new-structure proposal into a record, and approving after editing decides it in the same step', async () => {
		const payload = {
			name: 'Ressourcerie du Test',
			description: 'Une ressourcerie proposée par un visiteur.',
			legalForm: 'association-declaree',
			roles: ['acteur'],
			sectors: ['reemploi'],
			thematiques: [],
			website: 'https://ressourcerie.example.org',
			place: {
				communeCode: '67482',
				quartierCode: 'SQ_07',
				locationMode: 'quartier',
				lon: 7.75,
				lat: 48.56,
				precision: 'quartier'
			}
		};
		const p = createProposal(db, { type: 'new-organisation', payload }, new Date('2026-11-20T10:00:00Z'));
		const view = (await proposalView(sqliteClient(db), p.id))!;
		expect(view.problems).toEqual([]);
		expect(view.proposed).toMatchObject({
			id: 'ressourcerie-du-test',
			confidence: 'low',
			sources: [{ reference: `Proposition publique ${p.id}`, seen: '2026-11-20' }],
			location: { precision: 'quartier' },
			contact: { website: 'https://ressourcerie.example.org' }
		});
		const created = await createFromForm(
			sql,
			'organisation',
			raw(view.proposed!, { name: 'Ressourcerie du Test (corrigé)' }),
			alice,
			{ proposalId: p.id }
		);
		expect(created).toEqual({ ok: true, id: 'ressourcerie-du-test' });
		expect(getProposal(db, p.id)?.status).toBe('approved');
		const twice = await createFromForm(
			sql,
			'organisation',
			raw(view.proposed!, { id: 'autre-id', slug: 'autre-slug' }),
			alice,
			{ proposalId: p.id }
		);
		expect(twice).toMatchObject({ ok: false, errors: { _form: 'cette proposition a déjà été traitée' } });
		expect(getRecordById(db, 'autre-id')).toBeUndefined();
	});

	it('applies only the changed fields, by kind', () => {
		expect(applyChanges(tool, { website: 'https://a.fr' })).toMatchObject({ website: 'https://a.fr' });
		expect(applyChanges(init, { schedule: 'le samedi' })).toMatchObject({
			schedule: 'le samedi',
			name: init.name
		});
	});
});

describe('duplicates', () => {
	it('normalises names and measures their similarity', () => {
		expect(normaliseName('Association « Les Jardins » de l’Elsau')).toBe('jardins elsau');
		expect(nameSimilarity('Jardins de l’Elsau', 'Association Les Jardins de l’Elsau')).toBe(1);
		expect(nameSimilarity('Repair Café Neudorf', 'Repair Cafe du Neudorf')).toBe(1);
		expect(nameSimilarity('Épicerie solidaire', 'Garage solidaire')).toBeLessThan(0.8);
	});

	it('flags same SIRET, or similar names within 200 m, and not dismissed pairs', () => {
		const near = {
			...org,
			id: 'near',
			slug: 'near',
			siret: undefined,
			name: 'STRUCTURE DE TEST (synthetique)',
			location: { lon: 7.751, lat: 48.5805, precision: 'address' as const }
		};
		const far = {
			...near,
			id: 'far',
			slug: 'far',
			location: { lon: 7.76, lat: 48.59, precision: 'address' as const }
		};
		const twin = { ...org, id: 'twin', slug: 'twin', name: 'Tout autre nom', location: undefined };
		const pairs = findDuplicates([org, near, far, twin]);
		expect(pairs.map((p) => [p.a.id, p.b.id, p.sameSiret])).toEqual([
			['test-org', 'twin', true],
			['near', 'test-org', false]
		]);
		expect(pairs[1].distanceM).toBeLessThanOrEqual(200);
		expect(findDuplicates([org, near], new Set(['near|test-org']))).toEqual([]);
	});

	it('merges: keeps one, archives the other, moves links, in history', async () => {
		const other = organisationSchema.parse(
			organisationFixture({
				id: 'doublon',
				slug: 'doublon',
				roles: ['financeur'],
				legalForm: 'association-declaree',
				contact: { email: 'a@b.fr' },
				sources: [{ url: 'https://b.fr', seen: '2026-01-01' }]
			})
		);
		const linked = fundingToolSchema.parse(
			toolFixture({ id: 'outil-2', slug: 'outil-2', providerIds: ['doublon', 'test-org'] })
		);
		setup([org, other, linked]);
		expect(mergeRecords(org, other).contact.email).toBe('a@b.fr');
		expect(await mergeDuplicates(sql, 'test-org', 'doublon', { keep: 1, drop: 1 }, alice)).toEqual({
			ok: true,
			keptId: 'test-org'
		});
		expect(getRecordById(db, 'doublon')).toMatchObject({ status: 'archived' });
		expect(getRecordById(db, 'test-org')).toMatchObject({
			contact: { email: 'a@b.fr' },
			sources: [{ reference: 'Test fixture (synthetic)' }, { url: 'https://b.fr' }]
		});
		expect(getRecordById(db, 'outil-2')).toMatchObject({ providerIds: ['test-org'] });
		expect(listHistory(db, 'outil-2')[0].action).toBe('merge');
		// Stale versions: nothing is written.
		const before = dataVersion(db);
		expect(await mergeDuplicates(sql, 'test-org', 'doublon', { keep: 1, drop: 1 }, alice)).toMatchObject({
			ok: false
		});
		expect(dataVersion(db)).toBe(before);
	});
});

describe('import', () => {
	const enc = (s: string) => new TextEncoder().encode(s);
	const header = 'name;description;roles;legalForm;isEss;communeCode;sources;lastVerified;confidence';
	const good = (n: number) =>
		`Structure ${n};Description ${n}.;acteur;association;oui;67482;https://ex.fr/${n};2026-01-01;low`;

	it('a file with bad rows plans errors, refuses to apply, and writes nothing; fixed, it applies all rows', async () => {
		const bad = [
			header,
			good(1),
			good(2).replace('67482', '99999'),
			good(3).replace('oui', 'peut-être'),
			good(4).replace(';low', ';sûr')
		].join('\n');
		const up = await createImportJob(
			sql,
			{ kind: 'organisation', fileName: 'structures.csv', bytes: enc(bad) },
			alice
		);
		if (!up.ok) throw new Error(up.message);
		const job = (await getImportJob(sql, up.id))!;
		expect(await startDryRun(sql, up.id, suggestMapping('organisation', header.split(';')))).toEqual({
			ok: true
		});
		const planned = await settle(up.id);
		expect(planned.status).toBe('planned');
		expect((planned.plan as StoredPlan).counts).toEqual({ new: 1, update: 0, unchanged: 0, error: 3 });
		const before = dataVersion(db);
		expect(await startApply(sql, up.id, alice)).toMatchObject({
			ok: false,
			message: expect.stringMatching(/3 ligne/)
		});
		expect(dataVersion(db)).toBe(before);
		expect(job.format).toBe('csv');

		const fixed = [header, good(1), good(2), good(3), good(4)].join('\n');
		const up2 = await createImportJob(
			sql,
			{ kind: 'organisation', fileName: 'structures.csv', bytes: enc(fixed) },
			alice
		);
		if (!up2.ok) throw new Error(up2.message);
		await startDryRun(sql, up2.id, suggestMapping('organisation', header.split(';')));
		await settle(up2.id);
		expect(await startApply(sql, up2.id, alice)).toEqual({ ok: true });
		const applied = await settle(up2.id);
		expect(applied.status).toBe('applied');
		expect(applied.summary).toMatchObject({ created: 4, updated: 0 });
		expect(getRecordById(db, 'structure-4')).toMatchObject({ status: 'draft' });
		expect(listHistory(db, 'structure-4')[0]).toMatchObject({ action: 'import', changedBy: 'u-alice' });

		// Imported again: every row is unchanged, and applying writes nothing.
		const up3 = await createImportJob(
			sql,
			{ kind: 'organisation', fileName: 'structures.csv', bytes: enc(fixed) },
			alice
		);
		if (!up3.ok) throw new Error(up3.message);
		await startDryRun(sql, up3.id, suggestMapping('organisation', header.split(';')));
		expect(((await settle(up3.id)).plan as StoredPlan).counts).toEqual({
			new: 0,
			update: 0,
			unchanged: 4,
			error: 0
		});
	});

	it('refuses to apply when records changed after the dry run', async () => {
		const text = `id,name\n${org.id},Renommée\n`;
		const up = await createImportJob(
			sql,
			{ kind: 'organisation', fileName: 'a.csv', bytes: enc(text) },
			alice
		);
		if (!up.ok) throw new Error(up.message);
		// The rename is chosen explicitly: by default an import only fills empty fields.
		await startDryRun(sql, up.id, ['id', 'name'], { policies: { name: 'replace' } });
		await settle(up.id);
		await saveFromForm(sql, org.id, raw(org, { description: 'Changée.' }), 1, bob);
		await startApply(sql, up.id, alice);
		const job = await settle(up.id);
		expect(job).toMatchObject({ status: 'failed', error: expect.stringMatching(/relancez la simulation/) });
		expect(getRecordById(db, org.id)?.name).toBe(org.name);
	});

	it('explains unreadable uploads', async () => {
		expect(
			await createImportJob(sql, { kind: 'organisation', fileName: 'a.csv', bytes: new Uint8Array() }, alice)
		).toMatchObject({ ok: false });
		expect(
			await createImportJob(sql, { kind: 'organisation', fileName: 'a.geojson', bytes: enc('{') }, alice)
		).toMatchObject({ ok: false, message: expect.stringMatching(/GeoJSON/) });
		expect(
			await createImportJob(sql, { kind: 'organisation', fileName: 'a.csv', bytes: enc('name,id\n') }, alice)
		).toMatchObject({ ok: false, message: expect.stringMatching(/aucune ligne/) });
	});

	it('property: an apply writes every row or none (a stale row anywhere undoes all)', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(fc.constantFrom('new', 'update', 'stale'), { minLength: 1, maxLength: 12 }),
				async (kinds) => {
					setup();
					// Build the plan from a file, then make some updates stale by writing behind its back.
					const lines = [
						'id,name,description,roles,legalForm,isEss,communeCode,sources,lastVerified,confidence'
					];
					const extra = kinds.map((_, i) =>
						organisationSchema.parse(organisationFixture({ id: `o-${i}`, slug: `o-${i}` }))
					);
					for (const r of extra) insertRecord(db, r);
					kinds.forEach((k, i) => {
						const id = k === 'new' ? `n-${i}` : `o-${i}`;
						lines.push(`${id},Nom ${i},Texte.,acteur,association,oui,67482,https://ex.fr,2026-01-01,low`);
					});
					const table = parseCsv(lines.join('\n'));
					if (!table.ok) throw new Error(table.message);
					const plan = planImport(
						'organisation',
						table.table,
						suggestMapping('organisation', table.table.headers),
						{
							existing: allRecords(db).map((r) => ({ record: r, version: r.version })),
							refs: placeRefs(db)
						}
					);
					expect(plan.counts.error).toBe(0);
					kinds.forEach((k, i) => {
						if (k === 'stale')
							updateRecord(db, { ...extra[i], description: 'Modifiée entre-temps.' }, { expectedVersion: 1 });
					});
					const before = allRecords(db)
						.map((r) => JSON.stringify(r))
						.sort();
					const history = (db.prepare('SELECT COUNT(*) AS n FROM record_history').get() as { n: number }).n;
					let threw = false;
					try {
						await applyPlan(sql, plan, alice, { note: 'test' });
					} catch {
						threw = true;
					}
					const after = allRecords(db)
						.map((r) => JSON.stringify(r))
						.sort();
					const historyAfter = (db.prepare('SELECT COUNT(*) AS n FROM record_history').get() as { n: number })
						.n;
					if (kinds.includes('stale')) {
						expect(threw).toBe(true);
						expect(after).toEqual(before);
						expect(historyAfter).toBe(history);
					} else {
						expect(threw).toBe(false);
						expect(historyAfter).toBe(history + kinds.length);
					}
				}
			),
			{ numRuns: 60 }
		);
	}, 60_000);
});

describe('export', () => {
	it('public exports hold published records only, with the licence; an export imported again changes nothing', async () => {
		await setStatus(sql, init.id, 'draft', 1, alice);
		expect(await exportRecords(sql, 'initiative', 'public')).toEqual([]);
		expect(await exportRecords(sql, 'initiative', 'all')).toHaveLength(1);
		expect(parseExportName('organisations.csv')).toEqual({ kind: 'organisation', format: 'csv' });
		expect(parseExportName('funding-tools.geojson')).toBeUndefined();
		expect(parseExportName('../x.csv')).toBeUndefined();
		const json = await exportResponse(sql, {
			kind: 'organisation',
			format: 'json',
			scope: 'public',
			siteUrl: 'https://x.fr',
			path: '/p'
		});
		expect(json.headers.get('link')).toMatch(/license/);
		expect(await json.json()).toMatchObject({ licence: { id: 'etalab-2.0' }, total: 1 });
		for (const kind of ['organisation', 'initiative', 'funding-tool'] as const) {
			const csv = await (
				await exportResponse(sql, {
					kind,
					format: 'csv',
					scope: 'all',
					siteUrl: '',
					path: '',
					excel: true
				})
			).arrayBuffer();
			const up = await createImportJob(
				sql,
				{ kind, fileName: 'export.csv', bytes: new Uint8Array(csv) },
				alice
			);
			if (!up.ok) throw new Error(up.message);
			const job = (await getImportJob(sql, up.id))!;
			const table = parseCsv(job.source);
			if (!table.ok) throw new Error(table.message);
			await startDryRun(sql, up.id, suggestMapping(kind, table.table.headers));
			const planned = await settle(up.id);
			expect((planned.plan as StoredPlan).counts).toMatchObject({ new: 0, update: 0, error: 0 });
		}
	});
});
