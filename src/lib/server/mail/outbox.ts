/**
 * Sending what the outbox holds (src/lib/server/db/outbox.ts), off the request: each due mail is claimed
 * (its attempt counted, its next date set as if it will fail), composed from the store, then sent. A
 * failure keeps it pending for the next attempt, later each time; after the last one, or when the server
 * refuses the mail for good, it is marked failed and waits in the workspace for a resend. Nothing is
 * deleted here: a mail is sent, failed (visible) or cancelled by an editor.
 */
import type { SqlClient } from '../db/sql';
import { claimMail, dueMails, markMailFailed, markMailSent, type OutboxEntry } from '../db/outbox';
import { composeMail } from './compose';
import { MailError, type MailTransport } from './transport';

/** The wait after each failed attempt: 1 min, 5 min, 30 min, 2 h, 12 h; the sixth failure is final. */
export const BACKOFF_MS = [60_000, 300_000, 1_800_000, 7_200_000, 43_200_000] as const;
export const MAX_ATTEMPTS = BACKOFF_MS.length + 1;

/** When to try again after the `attempt`-th attempt (1-based) if it fails. */
export function retryDelay(attempt: number): number {
	return BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length) - 1];
}

export interface OutboxDeps {
	sql: SqlClient;
	transport: MailTransport;
	/** PUBLIC_SITE_URL, for the links in the mails. */
	siteUrl: string;
	now?: () => Date;
}

export interface OutboxRun {
	sent: number;
	retried: number;
	failed: number;
}

/** Sends every mail due now, one at a time (a batch per call). */
export async function processOutbox(deps: OutboxDeps, batch = 20): Promise<OutboxRun> {
	const now = deps.now ?? (() => new Date());
	const run: OutboxRun = { sent: 0, retried: 0, failed: 0 };
	for (const entry of await dueMails(deps.sql, now(), batch)) {
		const outcome = await attempt(deps, entry, now);
		run[outcome]++;
	}
	return run;
}

async function attempt(deps: OutboxDeps, entry: OutboxEntry, now: () => Date): Promise<keyof OutboxRun> {
	const number = entry.attempts + 1;
	const started = now();
	if (!(await claimMail(deps.sql, entry, new Date(started.getTime() + retryDelay(number))))) return 'retried';
	const claimed = { ...entry, attempts: number };
	const composed = await composeMail(deps.sql, claimed, deps.siteUrl);
	if (!composed.ok) {
		await markMailFailed(deps.sql, claimed, composed.reason, true);
		return 'failed';
	}
	try {
		await deps.transport.send(composed.mail);
	} catch (e) {
		const permanent = e instanceof MailError && e.permanent;
		const final = permanent || number >= MAX_ATTEMPTS;
		const message = e instanceof Error ? e.message : String(e);
		await markMailFailed(deps.sql, claimed, message, final);
		return final ? 'failed' : 'retried';
	}
	await markMailSent(deps.sql, claimed, now());
	return 'sent';
}
