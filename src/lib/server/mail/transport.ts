/**
 * Sending one e-mail over SMTP. The only module that imports nodemailer: the outbox (./outbox.ts) sees a
 * `MailTransport`, so tests can give it a local SMTP server or a scripted failure.
 */
import { createTransport } from 'nodemailer';

export interface OutgoingMail {
	to: string;
	/** Who a reply reaches: the visitor who wrote, never spoofed as the sender. */
	replyTo?: { name: string; address: string };
	subject: string;
	/** Plain text only. */
	text: string;
	headers?: Record<string, string>;
}

/** A failed send. `permanent`: the server refused this mail for good (retrying cannot help). */
export class MailError extends Error {
	constructor(
		message: string,
		readonly permanent: boolean
	) {
		super(message);
	}
}

export interface MailTransport {
	/** Resolves once the server accepted the mail; rejects with a MailError otherwise. */
	send(mail: OutgoingMail): Promise<void>;
}

/**
 * Seconds, not nodemailer's minutes: a slow server delays only the outbox (never a request), and a
 * stuck attempt is retried later rather than holding the mails behind it.
 */
const TIMEOUTS = {
	connectionTimeout: 10_000,
	greetingTimeout: 10_000,
	socketTimeout: 30_000,
	dnsTimeout: 10_000
};

interface SmtpFailure {
	message?: string;
	responseCode?: number;
	command?: string;
	response?: string;
}

/**
 * A 5xx answer to the recipient or the content is final (unknown mailbox, message refused); anything else
 * (network, timeout, 4xx "try later", authentication or sender set-up) may pass later and is retried.
 */
export function isPermanent(e: SmtpFailure): boolean {
	const code = e.responseCode ?? 0;
	return code >= 500 && code < 600 && /^(RCPT|DATA)/i.test(e.command ?? '');
}

/** SMTP_URL (`smtp://user:pass@host:587`, `smtps://…`) and MAIL_FROM. */
export function smtpTransport(url: string, from: string): MailTransport {
	const transporter = createTransport({ url, ...TIMEOUTS });
	return {
		async send(mail) {
			try {
				await transporter.sendMail({
					from,
					to: mail.to,
					replyTo: mail.replyTo,
					subject: mail.subject,
					text: mail.text,
					headers: mail.headers
				});
			} catch (e) {
				const failure = (e ?? {}) as SmtpFailure;
				const detail = failure.response ?? failure.message ?? String(e);
				throw new MailError(detail, isPermanent(failure));
			}
		}
	};
}
