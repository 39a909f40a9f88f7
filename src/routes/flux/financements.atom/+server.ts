import type { RequestHandler } from './$types';
import { fundingFeedResponse } from '$lib/server/feeds';
import { getSql } from '$lib/server/store';

export const GET: RequestHandler = async () => await fundingFeedResponse(getSql());
