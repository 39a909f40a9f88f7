import type { RequestHandler } from './$types';
import { listResource } from '$lib/server/api';

export const GET: RequestHandler = ({ params, url, request }) => listResource(params.resource, url, request);
