import { error } from '@sveltejs/kit';
import type { PageLoad } from './$types';
import { REFERENCE_PATTERN } from '$lib/domain/proposal-form';

/**
 * Shows the reference only, never the proposal: anyone may open this URL, and a reference must not reveal
 * what was sent or whether it exists (a honeypot catch gets a reference too).
 */
export const load: PageLoad = ({ params }) => {
	if (!REFERENCE_PATTERN.test(params.ref)) error(404, 'Référence inconnue');
	return { reference: params.ref };
};
