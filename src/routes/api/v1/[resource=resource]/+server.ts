import type { RequestHandler } from './$types';
import { listResource } from '$lib/server/api';
import { getEnv, getSql } from '$lib/server/store';

export const GET: RequestHandler = ({ params, url, request }) =>
	listResource(getSql(), getEnv().PUBLIC_SITE_URL, params.resource, url, request);
