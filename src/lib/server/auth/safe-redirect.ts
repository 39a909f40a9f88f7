/**
 * Where to go after logging in: only a path of the workspace (/admin...), normalised, or /admin itself.
 *
 * The browser resolves what it is given: `/admin/../..//x` ends at `//x`, and `//x` is another host. So the
 * target is resolved against a placeholder origin first and the result checked: same origin, a path under
 * /admin, no empty segment (`//`), no encoded slash or backslash that a proxy or the router might decode
 * differently. Anything else gives /admin rather than an error: a bad link should not block a login.
 */
import { route } from '$lib/links';

const HOME = route.admin();
const PLACEHOLDER = 'http://placeholder.invalid';
const MAX_LENGTH = 2000;

export function safeRedirect(target: string | null | undefined): string {
	if (typeof target !== 'string' || target === '' || target.length > MAX_LENGTH) return HOME;
	// Only a path: no scheme, no host, nothing the URL parser would silently drop (whitespace, controls).
	if (!target.startsWith(HOME) || target.startsWith('//')) return HOME;
	// eslint-disable-next-line no-control-regex
	if (/[\\\s\u0000-\u001f\u007f]/.test(target)) return HOME;
	let url: URL;
	try {
		url = new URL(target, PLACEHOLDER);
	} catch {
		return HOME;
	}
	if (url.origin !== PLACEHOLDER) return HOME;
	const path = url.pathname;
	if (path !== HOME && !path.startsWith(`${HOME}/`)) return HOME;
	if (path.includes('//') || /%(?:2f|5c|2e)/i.test(path)) return HOME;
	return path + url.search;
}
