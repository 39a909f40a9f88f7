import type { Db } from './connection';

/**
 * Privacy: the hashed client address only serves the per-client rate limit (a day at most); erase it from
 * proposals older than that, so the store does not keep a long-lived trace of who sent what.
 */
export function forgetClientHashes(db: Db, createdBefore: Date): number {
	return db
		.prepare('UPDATE proposals SET client_hash = NULL WHERE created_at < ? AND client_hash IS NOT NULL')
		.run(createdBefore.toISOString()).changes;
}
