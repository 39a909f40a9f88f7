import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { markHandled, messagesPage, resendDecision, sendByEmail } from '$lib/server/admin/messages';
import { mailConfigured } from '$lib/server/env';
import { getCatalogue } from '$lib/server/catalogue';
import { getEnv, getSql } from '$lib/server/store';
import { route } from '$lib/links';

export const load: PageServerLoad = async ({ locals }) => {
	requireRole(locals, 'editor');
	return messagesPage(getSql(), await getCatalogue(getSql()), mailConfigured(getEnv()));
};

async function field(request: Request, name: string): Promise<string> {
	const value = (await request.formData()).get(name);
	return typeof value === 'string' ? value : '';
}

export const actions: Actions = {
	handled: async ({ locals, request }) => {
		const user = requireRole(locals, 'editor');
		const id = await field(request, 'id');
		const result = await markHandled(getSql(), id, user);
		if (!result.ok) return fail(result.status, { message: result.message, id });
		redirect(303, route.adminMessages({ traite: true }));
	},
	send: async ({ locals, request }) => {
		requireRole(locals, 'editor');
		const id = await field(request, 'id');
		const result = await sendByEmail(getSql(), await getCatalogue(getSql()), id, mailConfigured(getEnv()));
		if (!result.ok) return fail(result.status, { message: result.message, id });
		redirect(303, route.adminMessages({ envoi: true }));
	},
	resendDecision: async ({ locals, request }) => {
		requireRole(locals, 'editor');
		const reference = await field(request, 'reference');
		const result = await resendDecision(getSql(), reference);
		if (!result.ok) return fail(result.status, { message: result.message, id: reference });
		redirect(303, route.adminMessages({ envoi: true }));
	}
};
