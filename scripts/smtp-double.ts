/**
 * A local SMTP server for browser tests only (tests never reach the network). Started by Playwright beside
 * the app, whose SMTP_URL points at it; the tests read what arrived over HTTP.
 *
 *   npx tsx scripts/smtp-double.ts <smtp port> <http port>
 *
 * SMTP on 127.0.0.1:<smtp port>, user `carto`, password `secret-de-test`, no TLS (see
 * src/lib/server/mail/test-smtp.ts: the mailbox panne@… gets 451, refus@… 550).
 * HTTP on 127.0.0.1:<http port>: `GET /__test__/mail/health`, `GET /__test__/mail/messages` (every mail
 * received, parsed: envelope, From, To, Reply-To, subject, text, headers).
 */
import { createServer } from 'node:http';
import { startLocalSmtp } from '../src/lib/server/mail/test-smtp';

const PREFIX = '/__test__/mail';
const smtpPort = Number(process.argv[2] ?? 4826);
const httpPort = Number(process.argv[3] ?? smtpPort + 1);

const smtp = await startLocalSmtp({ port: smtpPort });
const http = createServer((req, res) => {
	const send = (status: number, body: unknown) => {
		res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
		res.end(JSON.stringify(body));
	};
	const path = new URL(req.url ?? '/', `http://127.0.0.1:${httpPort}`).pathname;
	if (path === `${PREFIX}/health`) return send(200, { ok: true, smtpPort });
	if (req.method === 'GET' && path === `${PREFIX}/messages`) return send(200, smtp.received);
	send(404, { error: 'not found' });
});
http.listen(httpPort, '127.0.0.1', () =>
	console.log(
		`smtp double on smtp://127.0.0.1:${smtpPort}, mails at http://127.0.0.1:${httpPort}${PREFIX}/messages`
	)
);
for (const signal of ['SIGINT', 'SIGTERM'] as const)
	process.on(signal, () => {
		http.close();
		void smtp.close().then(() => process.exit(0));
	});
