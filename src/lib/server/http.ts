import { createHash } from 'node:crypto';
import { DATA_LICENCE } from '$lib/domain/licence';

const LICENCE_LINK = `<${DATA_LICENCE.url}>; rel="license"`;

/**
 * A JSON response with a strong ETag and short public caching; answers 304 when the client already has it.
 */
export function cachedJson(
	request: Request,
	body: unknown,
	opts: { status?: number; contentType?: string; maxAge?: number } = {}
): Response {
	const text = JSON.stringify(body);
	const etag = `"${createHash('sha1').update(text).digest('base64url')}"`;
	const headers = new Headers({
		'content-type': opts.contentType ?? 'application/json; charset=utf-8',
		etag,
		'cache-control': `public, max-age=${opts.maxAge ?? 60}, stale-while-revalidate=300`,
		link: LICENCE_LINK,
		'access-control-allow-origin': '*',
		vary: 'accept-encoding'
	});
	const inm = request.headers.get('if-none-match');
	if (inm && inm.split(',').some((t) => t.trim() === etag || t.trim() === `W/${etag}`)) {
		return new Response(null, { status: 304, headers });
	}
	return new Response(text, { status: opts.status ?? 200, headers });
}

/** A JSON error that names what was wrong; never cached. */
export function jsonError(status: number, error: { parameter?: string; message: string }): Response {
	return new Response(JSON.stringify({ error: { status, ...error } }), {
		status,
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'cache-control': 'no-store',
			link: LICENCE_LINK
		}
	});
}
