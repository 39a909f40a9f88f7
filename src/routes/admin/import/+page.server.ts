import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { parseKind } from '$lib/server/admin/forms';
import { importList, templateLinks, uploadImport } from '$lib/server/admin/import';
import { importSireneUpload, type UploadedFile } from '$lib/server/sirene/upload';
import { getSql } from '$lib/server/store';
import { route } from '$lib/links';

export const load: PageServerLoad = async ({ locals }) => {
	requireRole(locals, 'editor');
	return { jobs: await importList(getSql()), templates: templateLinks() };
};

export const actions: Actions = {
	upload: async ({ locals, request }) => {
		const user = requireRole(locals, 'editor');
		const form = await request.formData();
		const file = form.get('file');
		const kind = parseKind(String(form.get('kind') ?? ''));
		if (!(file instanceof File) || file.size === 0)
			return fail(400, { message: 'Choisissez un fichier CSV, Excel (.xlsx) ou GeoJSON.', kind });
		const result = await uploadImport(
			getSql(),
			{ kind, fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) },
			user
		);
		if (!result.ok) return fail(400, { message: `Fichier refusé : ${result.message}.`, kind });
		redirect(303, route.adminImport(result.id));
	},
	sirene: async ({ locals, request }) => {
		requireRole(locals, 'editor');
		const form = await request.formData();
		const file = async (name: string): Promise<UploadedFile | undefined> => {
			const f = form.get(name);
			return f instanceof File && f.size > 0
				? { name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) }
				: undefined;
		};
		const dryRun = form.get('dryRun') === 'on';
		const result = await importSireneUpload(getSql(), {
			etablissements: await file('etablissements'),
			unitesLegales: await file('unitesLegales'),
			essFrance: await file('essFrance'),
			stockDate: String(form.get('stockDate') ?? ''),
			dryRun
		});
		if (!result.ok)
			return fail(400, {
				sirene: { message: `Extraits SIRENE refusés : ${result.message}.`, lines: null, dryRun }
			});
		return { sirene: { message: null, lines: result.lines, dryRun } };
	}
};
