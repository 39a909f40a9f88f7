import type { RequestHandler } from './$types';
import { eventsFeedResponse } from '$lib/server/feeds';
import { getDb } from '$lib/server/store';

export const GET: RequestHandler = ({ url }) => eventsFeedResponse(getDb(), url);
