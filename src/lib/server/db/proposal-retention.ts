import { forgetFormSlots } from './form-slots';
import type { SqlClient } from './sql';

/**
 * Privacy: the hashed client address only serves the per-client rate limit (a day at most); erase it from
 * proposals older than that, and the public forms' rate-limit slots with it, so the store does not keep a long-lived
 * trace of who sent what. Returns the number of proposals whose hash was erased.
 */
export async function forgetClientHashes(sql: SqlClient, createdBefore: Date): Promise<number> {
	await forgetFormSlots(sql, createdBefore);
	const result = await sql.run(
		'UPDATE proposals SET client_hash = NULL WHERE created_at < ? AND client_hash IS NOT NULL',
		[createdBefore.toISOString()]
	);
	return result.changes;
}
