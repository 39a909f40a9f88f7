/**
 * A real SMTP server on 127.0.0.1 for tests (smtp-server), with what it receives parsed by mailparser.
 * Unit tests start it in-process; the browser tests run it from scripts/smtp-double.ts. It asks for the
 * credentials it was given (plain text, no TLS: a local test only) and can be told to refuse:
 * the mailbox panne@… gets 451 (try later), refus@… gets 550 (final); `failNext(n, code)` refuses the
 * next n recipients whatever they are.
 */
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
	/** RCPT TO of the envelope. */
	envelopeTo: string[];
	/** MAIL FROM of the envelope. */
	envelopeFrom: string;
	from: string;
	to: string;
	replyTo: { name: string; address: string } | null;
	subject: string;
	text: string;
	hasHtml: boolean;
	headers: Record<string, string>;
}

export interface LocalSmtp {
	port: number;
	url: string;
	received: ReceivedMail[];
	failNext(count: number, code?: number): void;
	close(): Promise<void>;
}

const error = (message: string, code: number) => Object.assign(new Error(message), { responseCode: code });

export async function startLocalSmtp(
	opts: { port?: number; user?: string; pass?: string } = {}
): Promise<LocalSmtp> {
	const user = opts.user ?? 'carto';
	const pass = opts.pass ?? 'secret-de-test';
	const received: ReceivedMail[] = [];
	const failures: number[] = [];
	const server = new SMTPServer({
		secure: false,
		disabledCommands: ['STARTTLS'],
		allowInsecureAuth: true,
		authMethods: ['PLAIN', 'LOGIN'],
		logger: false,
		size: 1024 * 1024,
		onAuth(auth, _session, callback) {
			if (auth.username === user && auth.password === pass) callback(null, { user });
			else callback(error('Identifiants refusés', 535));
		},
		onRcptTo(address, _session, callback) {
			const code = failures.shift();
			if (code) return callback(error(`Refus programmé (${code})`, code));
			if (/^panne@/i.test(address.address)) return callback(error('Boîte indisponible, réessayez', 451));
			if (/^refus@/i.test(address.address)) return callback(error('Boîte inconnue', 550));
			callback();
		},
		onData(stream, session, callback) {
			simpleParser(stream)
				.then((mail) => {
					const reply = mail.replyTo?.value[0];
					const headers: Record<string, string> = {};
					for (const [key, value] of mail.headers)
						headers[key] = typeof value === 'string' ? value : JSON.stringify(value);
					received.push({
						envelopeTo: session.envelope.rcptTo.map((r) => r.address),
						envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
						from: mail.from?.text ?? '',
						to: Array.isArray(mail.to) ? mail.to.map((t) => t.text).join(', ') : (mail.to?.text ?? ''),
						replyTo: reply ? { name: reply.name, address: reply.address ?? '' } : null,
						subject: mail.subject ?? '',
						text: mail.text ?? '',
						hasHtml: !!mail.html,
						headers
					});
					callback();
				})
				.catch((e: unknown) => callback(e instanceof Error ? e : new Error(String(e))));
		}
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
	});
	const address = server.server.address();
	const port = typeof address === 'object' && address ? address.port : (opts.port ?? 0);
	return {
		port,
		url: `smtp://${encodeURIComponent(user)}:${encodeURIComponent(pass)}@127.0.0.1:${port}`,
		received,
		failNext(count, code = 451) {
			for (let i = 0; i < count; i++) failures.push(code);
		},
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}
