import { afterEach, describe, expect, it } from 'vitest';
import { organisationSchema } from '$lib/domain/records';
import { organisationFixture } from '$lib/domain/test-fixtures';
import { migrate, openDatabase, type Db } from '../db/connection';
import { sqliteClient } from '../db/sql';
import { MIGRATIONS } from '../db/migrations';
import { createProposal, getProposal } from '../db/proposals';
import { getRecordById, insertRecord } from '../db/records';
import { approveProposal, proposalView } from './moderation';
import { createFromForm } from './records';
import { formOf, testStore } from './test-store';

const alice = { id: 'u-alice', name: 'Alice' };
let db: Db;
afterEach(() => db?.close());

const existing = organisationSchema.parse(
	organisationFixture({
		id: 'ressourcerie-du-neuhof',
		slug: 'ressourcerie-du-neuhof',
		name: 'Ressourcerie du Neuhof',
		siret: '12345678900011',
		quartierCode: 'SQ_10',
		location: { lon: 7.78, lat: 48.55, precision: 'quartier' }
	})
);

function newStructure(
	name: string,
	place: Record<string, unknown> = {},
	extra: Record<string, unknown> = {}
) {
	return createProposal(db, {
		type: 'new-organisation',
		payload: {
			name,
			description: 'Une structure proposée par un visiteur pendant les tests.',
			legalForm: 'association-declaree',
			roles: ['acteur'],
			sectors: ['reemploi'],
			thematiques: ['finance-solidaire'],
			place: {
				communeCode: '67482',
				quartierCode: 'SQ_10',
				locationMode: 'quartier',
				lon: 7.78,
				lat: 48.55,
				precision: 'quartier',
				...place
			},
			...extra
		}
	});
}

describe('moderation: the record an approval wrote', () => {
	it('links an approved new record to the record created, not to the next free id', async () => {
		db = testStore();
		const p = newStructure('Atelier vélo du Test');
		expect((await proposalView(sqliteClient(db), p.id))?.proposed?.id).toBe('atelier-velo-du-test');
		expect(await approveProposal(sqliteClient(db), p.id, undefined, alice)).toEqual({
			ok: true,
			recordId: 'atelier-velo-du-test'
		});
		expect(getProposal(db, p.id)?.recordId).toBe('atelier-velo-du-test');
		const after = (await proposalView(sqliteClient(db), p.id))!;
		// Derived again, the id would now be the next free one: `atelier-velo-du-test-2`, which does not exist.
		expect(after.proposed?.id).toBe('atelier-velo-du-test');
		expect(after.approval).toMatchObject({
			created: true,
			version: 1,
			record: {
				id: 'atelier-velo-du-test',
				name: 'Atelier vélo du Test',
				publicPath: '/structures/atelier-velo-du-test'
			}
		});
		expect(after.approval?.diff.find((c) => c.path === 'name')?.after).toBe('Atelier vélo du Test');
		expect(after.problems).toEqual([]);
	});

	it('links a proposal approved after editing to the id the maintainer chose', async () => {
		db = testStore();
		const p = newStructure('Atelier vélo du Test');
		const view = (await proposalView(sqliteClient(db), p.id))!;
		const created = await createFromForm(
			sqliteClient(db),
			'organisation',
			formOf(view.proposed!, { id: 'atelier-velo', slug: 'atelier-velo' }),
			alice,
			{ proposalId: p.id }
		);
		expect(created).toEqual({ ok: true, id: 'atelier-velo' });
		expect((await proposalView(sqliteClient(db), p.id))?.approval?.record.id).toBe('atelier-velo');
	});

	it('shows what an approved correction changed, and no longer calls it « already there »', async () => {
		db = testStore([existing]);
		const p = createProposal(db, {
			type: 'change',
			targetId: existing.id,
			payload: {
				targetId: existing.id,
				changes: { phone: '03 88 00 00 00' },
				explanation: 'Nouveau numéro en 2026.'
			}
		});
		expect(await approveProposal(sqliteClient(db), p.id, 1, alice)).toMatchObject({ ok: true });
		const view = (await proposalView(sqliteClient(db), p.id))!;
		expect(view.problems).toEqual([]);
		expect(view.approval).toMatchObject({ created: false, version: 2, record: { id: existing.id } });
		expect(view.approval?.diff.map((c) => [c.label, c.before, c.after])).toEqual([
			['Téléphone', '', '03 88 00 00 00']
		]);
	});

	it('finds the record of proposals approved before the column existed (its migration reads the history)', async () => {
		db = openDatabase(':memory:');
		migrate(
			db,
			MIGRATIONS.filter((m) => m.version < 6)
		);
		const p = createProposal(db, { type: 'new-organisation', payload: {} });
		db.prepare("UPDATE proposals SET status = 'approved' WHERE id = ?").run(p.id);
		insertRecord(
			db,
			{ ...existing, id: 'creee', slug: 'creee' },
			{
				by: null,
				action: 'proposal',
				note: `proposition ${p.id} approuvée après modification`
			}
		);
		migrate(db);
		expect(getProposal(db, p.id)?.recordId).toBe('creee');
		expect(getRecordById(db, 'creee')).toBeDefined();
	});
});

describe('moderation: what a maintainer reads', () => {
	it('shows places, sub-quartiers, thématiques and taxonomy codes by their labels', async () => {
		db = testStore();
		const p = newStructure('Épicerie du Test', {}, {});
		const rows = Object.fromEntries(
			(await proposalView(sqliteClient(db), p.id))!.diff.map((c) => [c.path, c.after])
		);
		expect(rows).toMatchObject({
			communeCode: 'Strasbourg',
			quartierCode: 'Neuhof – Stockfeld – Ganzau',
			thematiques: 'Finance solidaire',
			legalForm: expect.not.stringMatching(/^association-declaree$/),
			sectors: expect.not.stringMatching(/^reemploi$/),
			'location.precision': expect.not.stringMatching(/^quartier$/)
		});
	});

	it('says when a proposal resembles an existing record or another pending proposal, with links', async () => {
		db = testStore([existing]);
		const same = newStructure('La Ressourcerie du Neuhof');
		const twin = newStructure('Ressourcerie Neuhof');
		const other = newStructure('Jardin des Tests', {
			lon: 7.7,
			lat: 48.6,
			precision: 'address',
			locationMode: 'pin'
		});
		const bySiret = newStructure(
			'Tout autre nom',
			{ lon: 7.7, lat: 48.6, precision: 'address', locationMode: 'pin' },
			{ siret: '12345678900011' }
		);

		const view = (await proposalView(sqliteClient(db), same.id))!;
		expect(view.resembles).toEqual([
			expect.objectContaining({ type: 'record', id: existing.id, href: `/admin/fiches/${existing.id}` }),
			expect.objectContaining({ type: 'proposal', id: twin.id, href: `/admin/moderation/${twin.id}` })
		]);
		expect(view.resembles[0].why).toMatch(/noms semblables à \d+ % · à 0 m/);
		expect((await proposalView(sqliteClient(db), other.id))?.resembles).toEqual([]);
		expect((await proposalView(sqliteClient(db), bySiret.id))?.resembles).toEqual([
			expect.objectContaining({ type: 'record', id: existing.id, why: expect.stringMatching(/^même SIRET/) })
		]);
	});

	it('says when another pending correction concerns the same record', async () => {
		db = testStore([existing]);
		const change = (phone: string) =>
			createProposal(db, {
				type: 'change',
				targetId: existing.id,
				payload: { targetId: existing.id, changes: { phone }, explanation: 'Nouveau numéro en 2026.' }
			});
		const a = change('03 88 00 00 01');
		const b = change('03 88 00 00 02');
		expect((await proposalView(sqliteClient(db), a.id))?.resembles).toEqual([
			expect.objectContaining({ type: 'proposal', id: b.id, why: 'corrige la même fiche' })
		]);
	});
});
