import type { Db } from './connection';
import { forgetFormSlots } from './form-slots';

/**
 * Privacy: the hashed client address only serves the per-client rate limit (a day at most); erase it from
 * proposals older than that, and the public forms' rate-limit slots with it, so the store does not keep a long-lived
 * trace of who sent what. Returns the number of proposals whose hash was erased.
 */
export function forgetClientHashes(db: Db, createdBefore: Date): number {
	forgetFormSlots(db, createdBefore);
	return db
		.prepare('UPDATE proposals SET client_hash = NULL WHERE created_at < ? AND client_hash IS NOT NULL')
		.run(createdBefore.toISOString()).changes;
}
