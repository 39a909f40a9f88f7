import type { Db } from './connection';

/**
 * The record an approved proposal wrote. A correction names its record; a new record is found by the
 * history entry its approval wrote (action `proposal`, note « proposition <reference> approuvée… », the same
 * whether approved as is or after editing: src/lib/server/admin/records.ts and moderation.ts write it).
 */
export function recordIdOfProposal(
	db: Db,
	proposal: { id: string; targetId: string | null }
): string | undefined {
	if (proposal.targetId) return proposal.targetId;
	const row = db
		.prepare(
			`SELECT record_id FROM record_history WHERE action = 'proposal' AND (note = ? OR note LIKE ?) ORDER BY changed_at LIMIT 1`
		)
		.get(`proposition ${proposal.id} approuvée`, `proposition ${proposal.id} approuvée %`) as
		{ record_id: string } | undefined;
	return row?.record_id;
}
