import { beforeEach, describe, expect, it } from 'vitest';
import { REFERENCE_PATTERN } from '$lib/domain/proposal-form';
import { migrate, openDatabase, type Db } from './connection';
import {
	countProposalsSince,
	createProposal,
	decideProposal,
	forgetDecidedEmails,
	getProposal,
	listProposals,
	newReference
} from './proposals';

let db: Db;
beforeEach(() => {
	db = openDatabase(':memory:');
	migrate(db);
});

describe('proposals store', () => {
	it('creates pending proposals with readable references', () => {
		const p = createProposal(db, {
			type: 'new-initiative',
			payload: { name: 'Jardin <b>test</b>' },
			clientHash: 'abc'
		});
		expect(p.id).toMatch(/^ESS-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
		expect(p.status).toBe('pending');
		expect(getProposal(db, p.id)?.payload).toEqual({ name: 'Jardin <b>test</b>' });
		expect(listProposals(db, { status: 'pending' })).toHaveLength(1);
	});

	it('decides a proposal only once', () => {
		const p = createProposal(db, { type: 'change', targetId: 'x', payload: {} });
		expect(decideProposal(db, p.id, { status: 'rejected', by: 'u1', reason: 'doublon' })).toBe(true);
		expect(decideProposal(db, p.id, { status: 'approved', by: 'u2' })).toBe(false);
		expect(getProposal(db, p.id)).toMatchObject({
			status: 'rejected',
			decidedBy: 'u1',
			decisionReason: 'doublon'
		});
	});

	it('counts recent proposals per client and forgets e-mails after decision', () => {
		const old = new Date('2026-01-01T00:00:00Z');
		createProposal(
			db,
			{ type: 'new-initiative', payload: {}, clientHash: 'c1', submitterEmail: 'a@b.fr' },
			old
		);
		createProposal(db, { type: 'new-initiative', payload: {}, clientHash: 'c1' });
		expect(countProposalsSince(db, 'c1', new Date(Date.now() - 3600_000))).toBe(1);
		const [first] = listProposals(db);
		decideProposal(db, first.id, { status: 'approved', by: 'u' }, old);
		expect(forgetDecidedEmails(db, new Date('2026-02-01T00:00:00Z'))).toBe(1);
		expect(getProposal(db, first.id)?.submitterEmail).toBeNull();
	});

	it('references do not repeat in practice, and match the pattern the forms recognise', () => {
		const refs = new Set(Array.from({ length: 2000 }, newReference));
		expect(refs.size).toBe(2000);
		for (const ref of refs) expect(ref).toMatch(REFERENCE_PATTERN);
	});
});
