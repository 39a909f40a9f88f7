/**
 * Requests as an attacker sends them: node:http with the path exactly as written (fetch would resolve `..`
 * and re-encode), any header, and a client address of the test's choosing (X-Forwarded-For, which the
 * server under test trusts).
 */
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { inject } from 'vitest';

export interface RawResponse {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: string;
}

export function raw(
	path: string,
	options: { method?: string; headers?: Record<string, string>; body?: string; base?: string } = {}
): Promise<RawResponse> {
	// `base`: a server a suite started itself (the fault suites), instead of the shared one.
	const base = new URL(options.base ?? inject('baseUrl'));
	return new Promise((resolve, reject) => {
		const req = request(
			{
				host: base.hostname,
				port: base.port,
				method: options.method ?? 'GET',
				path,
				headers: options.headers,
				// A fresh connection per request: bursts really arrive in parallel.
				agent: false
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () =>
					resolve({
						status: res.statusCode ?? 0,
						headers: res.headers,
						body: Buffer.concat(chunks).toString('utf8')
					})
				);
				res.on('error', reject);
			}
		);
		req.on('error', reject);
		if (options.body !== undefined) req.write(options.body);
		req.end();
	});
}

/**
 * A client address no other test uses: random in 2001:db8::/32, the documentation range (never a real
 * visitor; only ever written in a header, no traffic goes there).
 */
export function newClient(): string {
	const group = () => randomBytes(2).toString('hex');
	return `2001:db8:${group()}:${group()}:${group()}:${group()}::1`;
}

/** A form post as a browser sends it from our own pages (SvelteKit checks the Origin of form posts). */
export function postForm(
	path: string,
	fields: [string, string][],
	client: string,
	headers: Record<string, string> = {},
	base?: string
) {
	return raw(path, {
		base,
		method: 'POST',
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			// A browser without JavaScript: SvelteKit answers with the page and the action's real status.
			accept: 'text/html',
			origin: inject('origin'),
			'x-forwarded-for': client,
			...headers
		},
		body: new URLSearchParams(fields).toString()
	});
}

export function header(res: RawResponse, name: string): string | undefined {
	const value = res.headers[name.toLowerCase()];
	return Array.isArray(value) ? value.join(', ') : value;
}

/** Logs `admin` in on the server at `base` (the shared one by default); the session cookie to send back. */
export async function logIn(admin: { email: string; password: string }, base?: string): Promise<string> {
	const login = await postForm(
		'/admin/connexion',
		[
			['email', admin.email],
			['password', admin.password],
			['redirectTo', '/admin']
		],
		newClient(),
		{},
		base
	);
	if (login.status !== 303) throw new Error(`connexion refusée (${login.status})`);
	return String(header(login, 'set-cookie')).split(';')[0];
}
