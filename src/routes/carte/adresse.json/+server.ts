import type { RequestHandler } from './$types';
import { locate } from '$lib/server/map';
import { getDb, getEnv } from '$lib/server/store';

export const GET: RequestHandler = async ({ url }) => {
	const result = await locate(getDb(), getEnv().GEOCODER_URL, url.searchParams.get('q') ?? '');
	return Response.json(result, { status: result.ok ? 200 : 422, headers: { 'cache-control': 'no-store' } });
};
