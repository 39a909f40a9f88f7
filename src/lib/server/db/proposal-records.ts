import type { SqlClient } from './sql';

/**
 * The record an approved proposal wrote. A correction names its record; a new record is found by the
 * history entry its approval wrote (action `proposal`, note « proposition <reference> approuvée… », the same
 * whether approved as is or after editing: src/lib/server/admin/records.ts and moderation.ts write it).
 */
export async function recordIdOfProposal(
	sql: SqlClient,
	proposal: { id: string; targetId: string | null }
): Promise<string | undefined> {
	if (proposal.targetId) return proposal.targetId;
	// The history's id breaks a tie between two entries of one instant, the same on both engines.
	const row = await sql.get<{ record_id: string }>(
		`SELECT record_id FROM record_history WHERE action = 'proposal' AND (note = ? OR note LIKE ?) ORDER BY changed_at, record_id, version LIMIT 1`,
		[`proposition ${proposal.id} approuvée`, `proposition ${proposal.id} approuvée %`]
	);
	return row?.record_id;
}
