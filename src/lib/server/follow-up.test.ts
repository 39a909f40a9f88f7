import { beforeEach, describe, expect, it } from 'vitest';
import { approveProposal, rejectProposal } from './admin/moderation';
import type { Db } from './db/connection';
import { sqliteClient } from './db/sql';
import { createProposal } from './db/proposals';
import { followUpPage } from './follow-up';
import { contactStore, EDITOR } from './test-contact';

let db: Db;
beforeEach(() => {
	db = contactStore();
});

const payload = {
	name: 'Boîte à livres du Test',
	description: 'Une boîte à livres proposée par un habitant.',
	initiativeType: 'repair-cafe',
	carrierKind: 'collectif-habitants',
	needs: [],
	thematiques: [],
	place: {
		communeCode: '67482',
		quartierCode: 'SQ_07',
		locationMode: 'quartier',
		lon: 7.75,
		lat: 48.56,
		precision: 'quartier'
	}
};

describe('followUpPage', () => {
	it('says pending, then published with the record’s link', async () => {
		const p = createProposal(db, {
			type: 'new-initiative',
			payload,
			message: 'Un mot privé pour l’équipe',
			submitterEmail: 'prive@example.org'
		});
		const pending = await followUpPage(sqliteClient(db), p.id)!;
		expect(pending).toMatchObject({
			reference: p.id,
			status: 'pending',
			title: payload.name,
			recordHref: null
		});
		// Nothing private, nothing of the proposal but its name.
		const text = JSON.stringify(pending);
		for (const secret of ['prive@example.org', 'Un mot privé', payload.description])
			expect(text).not.toContain(secret);

		expect(await approveProposal(sqliteClient(db), p.id, undefined, EDITOR)).toMatchObject({
			ok: true
		});
		expect(await followUpPage(sqliteClient(db), p.id)).toMatchObject({
			status: 'approved',
			recordHref: '/initiatives/boite-a-livres-du-test',
			reason: null
		});
		expect(JSON.stringify(await followUpPage(sqliteClient(db), p.id))).not.toContain(EDITOR.id);
	});

	it('says declined with the moderator’s reason; a correction is named by its record', async () => {
		const p = createProposal(db, {
			type: 'change',
			targetId: 'jardin-asso',
			payload: { targetId: 'jardin-asso', changes: { name: 'Autre nom' }, explanation: 'Texte privé.' }
		});
		await rejectProposal(sqliteClient(db), p.id, 'La structure a gardé son nom.', EDITOR);
		const page = await followUpPage(sqliteClient(db), p.id)!;
		expect(page).toMatchObject({
			status: 'rejected',
			correction: true,
			title: 'Association du Jardin (synthétique)',
			reason: 'La structure a gardé son nom.',
			recordHref: null
		});
		expect(JSON.stringify(page)).not.toContain('Texte privé');
		expect(JSON.stringify(page)).not.toContain('Autre nom');
	});

	it('knows nothing of an unknown or malformed reference', async () => {
		expect(await followUpPage(sqliteClient(db), 'ESS-2222-3333')).toBeUndefined();
		expect(await followUpPage(sqliteClient(db), 'n’importe quoi')).toBeUndefined();
	});
});
