import type { Reroute } from '@sveltejs/kit';
import { delocalizePath } from '$lib/i18n/paths';

/**
 * `/de/carte` and `/en/carte` are `/carte` in another language: the same route answers, and the page reads
 * its language from the address (lib/i18n/paths.ts). Runs on the server and in the browser.
 */
export const reroute: Reroute = ({ url }) => delocalizePath(url.pathname);
