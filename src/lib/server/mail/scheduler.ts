/**
 * The production wiring of the outbox: after each form post (hooks.server.ts) and at start, the due mails
 * are sent in the background, never in the request; a timer wakes up for the next retry. Without SMTP_URL
 * and MAIL_FROM nothing is sent: the mails stay pending in the store (listed in /admin/messages) and go
 * once the server starts with them. The retention sweep runs hourly whether mail is configured or not.
 */
import { forgetOldContactData } from '../contact';
import { forgetOldNeeds } from '../needs';
import { nextDueAt } from '../db/outbox';
import { mailConfigured } from '../env';
import { getEnv, getSql } from '../store';
import { processOutbox } from './outbox';
import { smtpTransport, type MailTransport } from './transport';

const HOUR_MS = 3_600_000;
/** setTimeout's ceiling (about 24.8 days). */
const MAX_DELAY_MS = 2 ** 31 - 1;
const BATCH = 20;

let transport: MailTransport | null | undefined;
let running = false;
let again = false;
let timer: ReturnType<typeof setTimeout> | undefined;
let sweeper: ReturnType<typeof setInterval> | undefined;

function configuredTransport(): MailTransport | null {
	if (transport === undefined) {
		const env = getEnv();
		transport = mailConfigured(env) ? smtpTransport(env.SMTP_URL, env.MAIL_FROM) : null;
	}
	return transport;
}

/** Sends what is due, soon and in the background; a call during a run makes it look again at the end. */
export function kickOutbox(): void {
	const t = configuredTransport();
	if (!t) return;
	if (running) {
		again = true;
		return;
	}
	running = true;
	setImmediate(() => void drain(t));
}

async function drain(t: MailTransport) {
	try {
		do {
			again = false;
			const run = await processOutbox(
				{ sql: getSql(), transport: t, siteUrl: getEnv().PUBLIC_SITE_URL },
				BATCH
			);
			if (run.sent + run.retried + run.failed >= BATCH) again = true;
			if (run.retried || run.failed)
				console.warn(
					`[courriel] ${run.retried} envoi(s) à réessayer, ${run.failed} en échec (voir /admin/messages)`
				);
		} while (again);
	} catch (e) {
		console.error('[courriel] erreur pendant l’envoi de la file', e);
	} finally {
		running = false;
		await scheduleNext().catch((e) => console.error('[courriel] prochain envoi non programmé', e));
	}
}

async function scheduleNext() {
	if (timer) clearTimeout(timer);
	timer = undefined;
	const at = await nextDueAt(getSql());
	if (!at) return;
	const delay = Math.min(Math.max(Date.parse(at) - Date.now(), 1000), MAX_DELAY_MS);
	timer = setTimeout(kickOutbox, delay);
	// A pending retry must not keep the process alive on shutdown: it waits in the store.
	timer.unref();
}

/** At server start: the retention sweep, then what was left pending (a restart loses nothing). */
export async function startMail(): Promise<void> {
	const sql = getSql();
	await forgetOldContactData(sql);
	await forgetOldNeeds(sql);
	sweeper ??= setInterval(() => {
		// A timer's rejection would stop the server (a full disk, say): the next sweep tries again.
		void (async () => {
			await forgetOldContactData(getSql());
			await forgetOldNeeds(getSql());
		})().catch((e) => console.error('[confidentialité] effacement des anciens messages impossible', e));
	}, HOUR_MS);
	sweeper.unref();
	if (configuredTransport()) kickOutbox();
	else
		console.log(
			'[courriel] SMTP_URL et MAIL_FROM absents : aucun e-mail envoyé, les messages attendent dans /admin/messages'
		);
}
