import type { RequestHandler } from './$types';
import { agendaIcsResponse } from '$lib/server/feeds';
import { getSql } from '$lib/server/store';

export const GET: RequestHandler = async ({ url }) => await agendaIcsResponse(getSql(), url);
