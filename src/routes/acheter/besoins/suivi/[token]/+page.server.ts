import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { todayIso } from '$lib/domain/today';
import { isInterestStatus } from '$lib/domain/buyers/need';
import { route } from '$lib/links';
import { followPage } from '$lib/pages/needs';
import { getCatalogue } from '$lib/server/catalogue';
import {
	archiveExpired,
	closeNeed,
	listInterests,
	needByToken,
	renewToken,
	setInterestStatus
} from '$lib/server/needs';
import { getEnv, getSql } from '$lib/server/store';

/**
 * The buyer's private follow-up of a need: its status, the suppliers' answers with a status each, closing
 * the need, renewing the link (the old one stops working). Never cached, never indexed.
 */
export const load: PageServerLoad = async ({ params, url, setHeaders }) => {
	setHeaders({ 'cache-control': 'private, no-store', 'x-robots-tag': 'noindex' });
	const sql = getSql();
	await archiveExpired(sql, todayIso());
	const need = await needByToken(sql, params.token);
	if (!need) error(404, 'Lien de suivi inconnu ou révoqué');
	const interests = await listInterests(sql, need.id);
	return {
		...followPage(await getCatalogue(getSql()), need, interests),
		/** Each answer's day, for the page to write it in the reader's format. */
		receivedOn: Object.fromEntries(interests.map((i) => [i.id, i.createdAt.slice(0, 10)])),
		// The codes beside the French words, for the page to write them in the reader's language.
		codes: { activite: need.data.activite, base: need.data.base, echeance: need.data.echeance },
		link: `${getEnv().PUBLIC_SITE_URL}${route.acheterNeedFollow(params.token)}`,
		created: url.searchParams.has('nouveau'),
		renewed: url.searchParams.has('lien')
	};
};

async function field(request: Request, name: string): Promise<string> {
	const v = (await request.formData()).get(name);
	return typeof v === 'string' ? v : '';
}

export const actions: Actions = {
	statut: async ({ params, request }) => {
		const form = await request.formData();
		const status = String(form.get('statut') ?? '');
		const id = String(form.get('reponse') ?? '');
		if (!isInterestStatus(status))
			return fail(400, {
				message: `Statut de la réponse : « ${status.slice(0, 20)} » n’est pas un statut connu.`
			});
		const r = await setInterestStatus(getSql(), params.token, id, status);
		if (!r.ok) return fail(r.status, { message: r.message });
		redirect(303, route.acheterNeedFollow(params.token));
	},
	clore: async ({ params }) => {
		const r = await closeNeed(getSql(), params.token);
		if (!r.ok) return fail(r.status, { message: r.message });
		redirect(303, route.acheterNeedFollow(params.token));
	},
	renouveler: async ({ params, request }) => {
		// The button's confirmation field keeps a stray POST from revoking the link.
		if ((await field(request, 'confirmer')) !== 'oui')
			return fail(400, { message: 'Renouveler le lien : cochez la confirmation.' });
		const r = await renewToken(getSql(), params.token);
		if (!r.ok) return fail(r.status, { message: r.message });
		redirect(303, route.acheterNeedFollow(r.token, { lien: true }));
	}
};
