import type { RequestHandler } from './$types';
import { agendaIcsResponse } from '$lib/server/feeds';
import { getDb } from '$lib/server/store';

export const GET: RequestHandler = ({ url }) => agendaIcsResponse(getDb(), url);
