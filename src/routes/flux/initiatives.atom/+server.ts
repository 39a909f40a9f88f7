import type { RequestHandler } from './$types';
import { initiativesFeedResponse } from '$lib/server/feeds';
import { getSql } from '$lib/server/store';

export const GET: RequestHandler = async ({ url }) => await initiativesFeedResponse(getSql(), url);
