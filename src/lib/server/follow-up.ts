/**
 * /proposer/suivi/<reference>: where a proposal stands, for whoever holds its reference. It says pending,
 * published (with the record's link) or declined (with the moderator's reason), and shows nothing else:
 * no e-mail, no message, nothing of what was sent but the name.
 */
import { REFERENCE_PATTERN } from '$lib/domain/proposal-form';
import { route } from '$lib/links';
import type { SqlClient } from './db/sql';
import { recordIdOfProposal } from './db/proposal-records';
import { getProposal, type ProposalType } from './db/proposals';
import { getRecordById } from './db/records';

/** What the follow-up page calls each type of proposal (the public forms' words). */
const FOLLOW_UP_KIND = {
	'new-initiative': 'initiative',
	'new-organisation': 'structure',
	'new-place': 'lieu',
	'new-event': 'evenement',
	change: 'correction'
} as const satisfies Record<ProposalType, string>;

/** What a proposal is called in its follow-up: the proposed name, or the corrected record's. */
export async function proposalTitle(
	sql: SqlClient,
	p: { payload: unknown; targetId: string | null; id: string }
): Promise<string> {
	if (p.targetId) return (await getRecordById(sql, p.targetId))?.name ?? p.targetId;
	const name = (p.payload as { name?: unknown } | null)?.name;
	return typeof name === 'string' ? name : p.id;
}

export async function followUpPage(sql: SqlClient, reference: string) {
	if (!REFERENCE_PATTERN.test(reference)) return undefined;
	const p = await getProposal(sql, reference);
	if (!p) return undefined;
	const recordId = p.status === 'approved' ? await recordIdOfProposal(sql, p) : undefined;
	const record = recordId ? await getRecordById(sql, recordId) : undefined;
	return {
		reference: p.id,
		title: await proposalTitle(sql, p),
		correction: p.type === 'change',
		kind: FOLLOW_UP_KIND[p.type],
		status: p.status,
		receivedAt: p.createdAt,
		decidedAt: p.decidedAt,
		reason: p.status === 'rejected' ? p.decisionReason : null,
		recordHref: record?.status === 'published' ? route.record(record) : null
	};
}
