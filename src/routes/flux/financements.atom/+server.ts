import type { RequestHandler } from './$types';
import { fundingFeedResponse } from '$lib/server/feeds';
import { getDb } from '$lib/server/store';

export const GET: RequestHandler = () => fundingFeedResponse(getDb());
