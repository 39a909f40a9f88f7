import type { RequestHandler } from './$types';
import { sourcingExport } from '$lib/server/buyers';
import { getCatalogue } from '$lib/server/catalogue';
import { getDb, getEnv } from '$lib/server/store';

export const GET: RequestHandler = ({ url }) =>
	sourcingExport(getCatalogue(getDb()), url, 'csv', getEnv().PUBLIC_SITE_URL);
