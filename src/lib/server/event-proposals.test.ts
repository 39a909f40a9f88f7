/**
 * An event proposed by a visitor (the public form's post), then approved in moderation: it becomes a
 * published event of the agenda, and its dates are checked at the first submit, in French, on the field.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { agendaPage } from '$lib/pages/agenda';
import type { Db } from './db/connection';
import { getProposal } from './db/proposals';
import { getRecordById } from './db/records';
import { approveProposal } from './admin/moderation';
import { testStore } from './admin/test-store';
import { getCatalogue } from './catalogue';
import { submitNewProposal, type ProposalDeps } from './proposals';
import { sqliteClient, type SqlClient } from './db/sql';

let db: Db;
let sql: SqlClient;
beforeEach(async () => {
	db = testStore();
	sql = sqliteClient(db);
});
afterEach(async () => db.close());

const deps = (): ProposalDeps => ({
	sql: sqliteClient(db),
	now: new Date('2026-12-01T10:00:00Z'),
	clientAddress: '203.0.113.9',
	geocode: async () => ({ status: 'unavailable' })
});

function post(entries: [string, string][]) {
	return new Request('http://test.local/proposer/evenement', {
		method: 'POST',
		body: new URLSearchParams(entries),
		headers: { 'content-type': 'application/x-www-form-urlencoded' }
	});
}

const fete: [string, string][] = [
	['name', 'Fête des associations du Neuhof'],
	['description', 'Les associations du quartier présentent leurs activités sur des stands.'],
	['startDate', '2027-06-12'],
	['startTime', '14:00'],
	['endTime', '18:00'],
	['place.zone', '67482:SQ_10'],
	['place.locationMode', 'quartier'],
	['homepage', '']
];

describe('a proposed event', () => {
	it('is refused with French messages on the fields when its dates disagree', async () => {
		const outcome = await submitNewProposal(
			'evenement',
			post([...fete.filter(([k]) => k !== 'endTime'), ['endTime', '09:00'], ['endDate', '2027-06-01']]),
			deps()
		);
		expect(outcome).toMatchObject({
			ok: false,
			errors: {
				endDate: 'la date de fin précède la date de début'
			}
		});
		const missing = await submitNewProposal(
			'evenement',
			post(fete.filter(([k]) => k !== 'startDate')),
			deps()
		);
		expect(missing).toMatchObject({ ok: false, errors: { startDate: 'indiquez la date de l’événement' } });
	});

	it('is stored as pending, then published in the agenda once approved', async () => {
		const outcome = await submitNewProposal('evenement', post(fete), deps());
		if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
		expect(getProposal(db, outcome.reference)).toMatchObject({ type: 'new-event', status: 'pending' });
		const before = agendaPage(await getCatalogue(sql), new URL('http://x/agenda'), '2026-12-01');
		expect(before.months.flatMap((m) => m.events.map((e) => e.name))).not.toContain(
			'Fête des associations du Neuhof'
		);

		const approved = await approveProposal(sqliteClient(db), outcome.reference, undefined, {
			id: 'u-alice',
			name: 'Alice'
		});
		if (!approved.ok) throw new Error(approved.message);
		const record = getRecordById(db, approved.recordId!)!;
		expect(record).toMatchObject({
			kind: 'event',
			status: 'published',
			startDate: '2027-06-12',
			startTime: '14:00',
			endTime: '18:00',
			eventStatus: 'annonce',
			quartierCode: 'SQ_10',
			confidence: 'low'
		});
		const after = agendaPage(
			await getCatalogue(sql),
			new URL('http://x/agenda?quartier=neuhof'),
			'2026-12-01'
		);
		expect(after.months.map((m) => [m.label, m.events.map((e) => e.name)])).toEqual([
			['juin 2027', ['Fête des associations du Neuhof']]
		]);
	});
});
