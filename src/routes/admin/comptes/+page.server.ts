import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import {
	accountsPage,
	changeRole,
	createAccountFromForm,
	resetPassword,
	setDisabled
} from '$lib/server/admin/accounts';
import { getSql } from '$lib/server/store';
import { route } from '$lib/links';

export const load: PageServerLoad = ({ locals }) => {
	requireRole(locals, 'admin');
	return accountsPage(getSql());
};

export const actions: Actions = {
	create: async ({ locals, request }) => {
		requireRole(locals, 'admin');
		const result = await createAccountFromForm(getSql(), await request.formData());
		if (!result.ok) return fail(400, { action: 'create', errors: result.errors, values: result.values });
		redirect(303, route.adminAccounts({ cree: true }));
	},
	role: async ({ locals, request }) => {
		const user = requireRole(locals, 'admin');
		const form = await request.formData();
		const result = await changeRole(
			getSql(),
			user,
			String(form.get('id') ?? ''),
			String(form.get('role') ?? '')
		);
		if (!result.ok) return fail(400, { action: 'role', message: result.message });
		redirect(303, route.adminAccounts({ modifie: true }));
	},
	disable: async ({ locals, request }) => {
		const user = requireRole(locals, 'admin');
		const form = await request.formData();
		const result = await setDisabled(
			getSql(),
			user,
			String(form.get('id') ?? ''),
			form.get('disabled') === '1'
		);
		if (!result.ok) return fail(400, { action: 'disable', message: result.message });
		redirect(303, route.adminAccounts({ modifie: true }));
	},
	password: async ({ locals, request }) => {
		requireRole(locals, 'admin');
		const form = await request.formData();
		const result = await resetPassword(getSql(), String(form.get('id') ?? ''), form.get('password'));
		if (!result.ok) return fail(400, { action: 'password', message: result.message });
		redirect(303, route.adminAccounts({ modifie: true }));
	}
};
