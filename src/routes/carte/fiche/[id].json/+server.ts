import type { RequestHandler } from './$types';
import { idSchema } from '$lib/domain/common';
import { jsonError } from '$lib/server/http';
import { pointDetails } from '$lib/server/map';
import { getSql } from '$lib/server/store';

export const GET: RequestHandler = async ({ params }) => {
	const id = idSchema.safeParse(params.id);
	if (!id.success) return jsonError(400, { parameter: 'id', message: id.error.issues[0].message });
	const details = await pointDetails(getSql(), id.data);
	if (!details) return jsonError(404, { message: `aucun lieu publié avec l’identifiant « ${id.data} »` });
	return Response.json(details, { headers: { 'cache-control': 'public, max-age=60' } });
};
