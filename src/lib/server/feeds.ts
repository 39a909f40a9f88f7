/** The Atom feeds' responses: the page builders of lib/pages/feeds.ts with the store's dates. */
import { error } from '@sveltejs/kit';
import { agendaIcs } from '$lib/pages/agenda-ics';
import { eventsFeed, fundingFeed, initiativesFeed } from '$lib/pages/feeds';
import { getCatalogue } from './catalogue';
import type { SqlClient } from './db/sql';
import { publishedRecordTimes } from './db/observatory';
import { getEnv } from './store';

/** Every record of the kind, newest change first: a quartier's feed filters them before taking the latest. */
const ALL = 1_000_000;

function atom(xml: string): Response {
	return new Response(xml, {
		headers: {
			'content-type': 'application/atom+xml; charset=utf-8',
			'cache-control': 'public, max-age=600'
		}
	});
}

export async function fundingFeedResponse(sql: SqlClient): Promise<Response> {
	return atom(
		fundingFeed(
			await getCatalogue(sql),
			await publishedRecordTimes(sql, 'funding-tool', ALL),
			getEnv().PUBLIC_SITE_URL
		)
	);
}

export async function initiativesFeedResponse(sql: SqlClient, url: URL): Promise<Response> {
	const feed = initiativesFeed(
		await getCatalogue(sql),
		await publishedRecordTimes(sql, 'initiative', ALL),
		url,
		getEnv().PUBLIC_SITE_URL
	);
	if (!feed.ok) error(404, feed.message);
	return atom(feed.xml);
}

export async function eventsFeedResponse(sql: SqlClient, url: URL): Promise<Response> {
	const feed = eventsFeed(
		await getCatalogue(sql),
		await publishedRecordTimes(sql, 'event', ALL),
		url,
		getEnv().PUBLIC_SITE_URL
	);
	if (!feed.ok) error(404, feed.message);
	return atom(feed.xml);
}

/** `/agenda.ics`: the agenda for calendar applications; an unknown quartier or thématique is a 404 saying why. */
export async function agendaIcsResponse(sql: SqlClient, url: URL): Promise<Response> {
	const cal = agendaIcs(await getCatalogue(sql), url, getEnv().PUBLIC_SITE_URL);
	if (!cal.ok) error(404, cal.message);
	return new Response(cal.ics, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': 'inline; filename="agenda-ess.ics"',
			'cache-control': 'public, max-age=600'
		}
	});
}
