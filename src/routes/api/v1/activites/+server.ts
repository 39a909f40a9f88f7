import type { RequestHandler } from './$types';
import { activitiesResource } from '$lib/server/api';
import { getEnv } from '$lib/server/store';

export const GET: RequestHandler = ({ url, request }) =>
	activitiesResource(getEnv().PUBLIC_SITE_URL, url, request);
