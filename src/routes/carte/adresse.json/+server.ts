import type { RequestHandler } from './$types';
import { allowAddressLookup } from '$lib/server/address-lookup';
import { locate } from '$lib/server/map';
import { getEnv, getSql } from '$lib/server/store';

export const GET: RequestHandler = async ({ url, getClientAddress }) => {
	const allowed = allowAddressLookup(getClientAddress());
	if (!allowed.ok)
		return Response.json(
			{ ok: false, message: allowed.message },
			{
				status: 429,
				headers: { 'cache-control': 'no-store', 'retry-after': String(allowed.retryAfterSeconds) }
			}
		);
	const result = await locate(getSql(), getEnv().GEOCODER_URL, url.searchParams.get('q') ?? '');
	return Response.json(result, { status: result.ok ? 200 : 422, headers: { 'cache-control': 'no-store' } });
};
