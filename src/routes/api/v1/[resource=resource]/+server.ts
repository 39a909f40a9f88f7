import type { RequestHandler } from './$types';
import { listResource } from '$lib/server/api';
import { getDb, getEnv } from '$lib/server/store';

export const GET: RequestHandler = ({ params, url, request }) =>
	listResource(getDb(), getEnv().PUBLIC_SITE_URL, params.resource, url, request);
