import type { RequestHandler } from './$types';
import { idSchema } from '$lib/domain/common';
import { jsonError } from '$lib/server/http';
import { pointResponse } from '$lib/server/map-scale';
import { getSql } from '$lib/server/store';

/** One placed record's point, by id: a shared link's selection when the browser holds no points. */
export const GET: RequestHandler = ({ params }) => {
	const id = idSchema.safeParse(params.id);
	if (!id.success) return jsonError(400, { parameter: 'id', message: id.error.issues[0].message });
	return pointResponse(getSql(), id.data);
};
