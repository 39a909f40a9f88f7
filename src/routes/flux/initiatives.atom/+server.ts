import type { RequestHandler } from './$types';
import { initiativesFeedResponse } from '$lib/server/feeds';
import { getDb } from '$lib/server/store';

export const GET: RequestHandler = ({ url }) => initiativesFeedResponse(getDb(), url);
