import type { RequestHandler } from './$types';
import { eventsFeedResponse } from '$lib/server/feeds';
import { getSql } from '$lib/server/store';

export const GET: RequestHandler = async ({ url }) => await eventsFeedResponse(getSql(), url);
