/**
 * A full disk, however it shows: SQLite's SQLITE_FULL (« database or disk is full »: no room for the WAL or a
 * new page) or the system's ENOSPC / EDQUOT on a file write. Nothing is half written then (every write is one
 * transaction, rolled back), so the answer is an apology and a retry later, never a generic 500: the hook
 * (hooks.server.ts) answers such a request with DISK_FULL_STATUS and DISK_FULL_MESSAGE.
 */

/** 507 Insufficient Storage (RFC 4918): the server cannot store what the request asked it to. */
export const DISK_FULL_STATUS = 507;

export const DISK_FULL_MESSAGE =
	'Espace disque plein sur le serveur : rien n’a été enregistré par cette demande, et ce qui l’était déjà est intact. Réessayez plus tard ; si cela dure, prévenez l’équipe du site.';

/** Whether `error`, or an error it was caused by, says the disk (or the store's size limit) is full. */
export function isDiskFull(error: unknown): boolean {
	let current = error;
	for (let depth = 0; depth < 8 && typeof current === 'object' && current !== null; depth++) {
		const code = (current as { code?: unknown }).code;
		if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return true;
		current = (current as { cause?: unknown }).cause;
	}
	return false;
}
