import { expect, it } from 'vitest';
import { REFERENCE_PATTERN } from '$lib/domain/proposal-form';
import {
	countProposalsSince,
	createProposal,
	decideProposal,
	forgetDecidedEmails,
	getProposal,
	listProposals,
	newReference
} from './proposals';
import { onBothEngines } from './test-postgres';

onBothEngines('proposals store', (store) => {
	it('creates pending proposals with readable references', async () => {
		const { a, b } = store();
		const p = await createProposal(a, {
			type: 'new-initiative',
			payload: { name: 'Jardin <b>test</b>' },
			clientHash: 'abc'
		});
		expect(p.id).toMatch(/^ESS-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
		expect(p.status).toBe('pending');
		expect((await getProposal(b, p.id))?.payload).toEqual({ name: 'Jardin <b>test</b>' });
		expect(await listProposals(b, { status: 'pending' })).toHaveLength(1);
	});

	it('decides a proposal only once', async () => {
		const { a, b } = store();
		const p = await createProposal(a, { type: 'change', targetId: 'x', payload: {} });
		expect(await decideProposal(a, p.id, { status: 'rejected', by: 'u1', reason: 'doublon' })).toBe(true);
		expect(await decideProposal(b, p.id, { status: 'approved', by: 'u2' })).toBe(false);
		expect(await getProposal(b, p.id)).toMatchObject({
			status: 'rejected',
			decidedBy: 'u1',
			decisionReason: 'doublon'
		});
	});

	it('two moderators deciding at once on two instances: one decision, one mail queued', async () => {
		const { a, b } = store();
		for (let round = 0; round < 5; round++) {
			const p = await createProposal(a, {
				type: 'new-initiative',
				payload: {},
				submitterEmail: 'contributrice@example.org'
			});
			const outcomes = await Promise.all([
				decideProposal(a, p.id, { status: 'approved', by: 'u-a' }),
				decideProposal(b, p.id, { status: 'rejected', by: 'u-b', reason: 'doublon' })
			]);
			expect(outcomes.filter(Boolean)).toHaveLength(1);
			const decided = await getProposal(a, p.id);
			expect(decided?.decidedBy).toBe(outcomes[0] ? 'u-a' : 'u-b');
			expect(
				await b.all("SELECT status FROM mail_outbox WHERE kind = 'decision' AND ref_id = ?", [p.id])
			).toEqual([{ status: 'pending' }]);
		}
	});

	it('counts recent proposals per client and forgets e-mails after decision', async () => {
		const { a, b } = store();
		const old = new Date('2026-01-01T00:00:00Z');
		await createProposal(
			a,
			{ type: 'new-initiative', payload: {}, clientHash: 'c1', submitterEmail: 'a@b.fr' },
			old
		);
		await createProposal(b, { type: 'new-initiative', payload: {}, clientHash: 'c1' });
		expect(await countProposalsSince(a, 'c1', new Date(Date.now() - 3600_000))).toBe(1);
		const first = (await listProposals(a)).find((p) => p.submitterEmail === 'a@b.fr')!;
		await decideProposal(a, first.id, { status: 'approved', by: 'u' }, old);
		expect(await forgetDecidedEmails(b, new Date('2026-02-01T00:00:00Z'))).toBe(1);
		expect((await getProposal(a, first.id))?.submitterEmail).toBeNull();
	});

	it('references do not repeat in practice, and match the pattern the forms recognise', () => {
		const refs = new Set(Array.from({ length: 2000 }, newReference));
		expect(refs.size).toBe(2000);
		for (const ref of refs) expect(ref).toMatch(REFERENCE_PATTERN);
	});
});
