/** The Atom feeds' responses: the page builders of lib/pages/feeds.ts with the store's dates. */
import { error } from '@sveltejs/kit';
import { agendaIcs } from '$lib/pages/agenda-ics';
import { eventsFeed, fundingFeed, initiativesFeed } from '$lib/pages/feeds';
import { getCatalogue } from './catalogue';
import type { Db } from './db/connection';
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

export function fundingFeedResponse(db: Db): Response {
	return atom(
		fundingFeed(getCatalogue(db), publishedRecordTimes(db, 'funding-tool', ALL), getEnv().PUBLIC_SITE_URL)
	);
}

export function initiativesFeedResponse(db: Db, url: URL): Response {
	const feed = initiativesFeed(
		getCatalogue(db),
		publishedRecordTimes(db, 'initiative', ALL),
		url,
		getEnv().PUBLIC_SITE_URL
	);
	if (!feed.ok) error(404, feed.message);
	return atom(feed.xml);
}

export function eventsFeedResponse(db: Db, url: URL): Response {
	const feed = eventsFeed(
		getCatalogue(db),
		publishedRecordTimes(db, 'event', ALL),
		url,
		getEnv().PUBLIC_SITE_URL
	);
	if (!feed.ok) error(404, feed.message);
	return atom(feed.xml);
}

/** `/agenda.ics`: the agenda for calendar applications; an unknown quartier or thématique is a 404 saying why. */
export function agendaIcsResponse(db: Db, url: URL): Response {
	const cal = agendaIcs(getCatalogue(db), url, getEnv().PUBLIC_SITE_URL);
	if (!cal.ok) error(404, cal.message);
	return new Response(cal.ics, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': 'inline; filename="agenda-ess.ics"',
			'cache-control': 'public, max-age=600'
		}
	});
}
