/**
 * The agenda against the real seed in an in-memory store, plus events written the way the workspace writes
 * them: its figures agree with the store, the .ics reads back with a maintained parser (ical.js) as a
 * calendar application reads it, and the Atom feed as a feed reader does (@rowanmanning/feed-parser).
 */
import { parseFeed } from '@rowanmanning/feed-parser';
import ICAL from 'ical.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { eventSchema, type EventInput } from '$lib/domain/records';
import { eventFixture } from '$lib/domain/test-fixtures';
import { agendaIcs } from '$lib/pages/agenda-ics';
import { agendaPage, areaEvents, organiserEvents } from '$lib/pages/agenda';
import { eventsFeed } from '$lib/pages/feeds';
import { getCatalogue } from './catalogue';
import { migrate, openDatabase, type Db } from './db/connection';
import { publishedRecordTimes } from './db/observatory';
import { insertRecord } from './db/records';
import { seedIfEmpty } from './db/seed';
import { loadDataset } from './seed/read-data';
import { sqliteClient, type SqlClient } from './db/sql';

const SITE = 'https://carto.example';
/** A fixed « today » in Strasbourg: late in a month, so repetitions cross into the next ones. */
const TODAY = '2027-01-28';
let db: Db;
let sql: SqlClient;

const event = eventFixture;

beforeAll(async () => {
	db = openDatabase(':memory:');
	sql = sqliteClient(db);
	migrate(db);
	seedIfEmpty(db, loadDataset('data').dataset, new Date('2026-12-05T10:00:00Z'));
	const write = (e: EventInput, at: string) => insertRecord(db, eventSchema.parse(e), { now: new Date(at) });
	write(
		event({
			id: 'atelier-reparation-hautepierre',
			slug: 'atelier-reparation-hautepierre',
			name: 'Atelier <réparation> & « vélos » à Hautepierre',
			startDate: '2027-01-26',
			startTime: '18:00',
			endTime: '20:00',
			recurrence: 'hebdomadaire',
			recurrenceUntil: '2027-03-30',
			communeCode: '67482',
			quartierCode: 'SQ_06',
			address: 'Place André Maurois',
			organiserIds: ['cress-grand-est'],
			thematiques: ['initiatives-habitants']
		}),
		'2027-01-10T09:00:00Z'
	);
	write(
		event({
			id: 'forum-annule-meinau',
			slug: 'forum-annule-meinau',
			name: 'Forum de la Meinau',
			startDate: '2027-02-27',
			endDate: '2027-03-01',
			eventStatus: 'annule',
			communeCode: '67482',
			quartierCode: 'SQ_07',
			thematiques: ['creation-entreprises']
		}),
		'2027-01-12T09:00:00Z'
	);
	write(
		event({
			id: 'marche-passe-schiltigheim',
			slug: 'marche-passe-schiltigheim',
			name: 'Marché passé à Schiltigheim',
			startDate: '2027-01-09',
			communeCode: '67447',
			status: 'published'
		}),
		'2027-01-05T09:00:00Z'
	);
	write(
		event({
			id: 'brouillon',
			slug: 'brouillon',
			name: 'Brouillon',
			status: 'draft',
			startDate: '2027-02-10'
		}),
		'2027-01-06T09:00:00Z'
	);
});

const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;

describe('/agenda figures against the store', () => {
	it('upcoming plus past is every published event; drafts never show', async () => {
		const page = agendaPage(await getCatalogue(sql), new URL(`${SITE}/agenda`), TODAY);
		const published = count(
			"SELECT COUNT(*) AS n FROM records WHERE kind = 'event' AND status = 'published'"
		);
		expect(page.upcomingCount + page.pastCount).toBe(published);
		expect(page.upcomingCount).toBe(2);
		// The weekly workshop is filed under the month of its next date (2 February), with the forum.
		expect(page.months.map((m) => [m.label, m.events.map((e) => e.id)])).toEqual([
			['février 2027', ['atelier-reparation-hautepierre', 'forum-annule-meinau']]
		]);
		expect(page.months[0].events[1].statusLabel).toBe('annulé');
		expect(JSON.stringify(page)).not.toContain('brouillon');
	});

	it('gives each card its dates, status and thématiques as data beside the French words', async () => {
		const page = agendaPage(await getCatalogue(sql), new URL(`${SITE}/agenda`), TODAY);
		const [atelier, forum] = page.months[0].events;
		expect(atelier.when).toBe('chaque semaine, le mardi, du 26 janvier au 30 mars 2027, de 18 h à 20 h');
		expect(atelier.dates).toEqual({
			startDate: '2027-01-26',
			endDate: undefined,
			startTime: '18:00',
			endTime: '20:00',
			recurrence: 'hebdomadaire',
			recurrenceUntil: '2027-03-30'
		});
		expect(atelier.status).toBeUndefined();
		expect(atelier.placeKnown).toBe(true);
		expect(atelier.thematiqueCodes).toEqual(['initiatives-habitants']);
		expect(forum.status).toBe('annule');
		const bad = agendaPage(await getCatalogue(sql), new URL(`${SITE}/agenda?quartier=nulle-part`), TODAY);
		expect(bad.ignored).toEqual([{ filter: 'quartier', value: 'nulle-part' }]);
	});

	it('filters by quartier, commune and thématique, and keeps the archive reachable', async () => {
		const c = await getCatalogue(sql);
		const q = agendaPage(c, new URL(`${SITE}/agenda?quartier=cronenbourg-hautepierre`), TODAY);
		expect(q.months.flatMap((m) => m.events.map((e) => e.id))).toEqual(['atelier-reparation-hautepierre']);
		expect(q.links.ics).toBe('/agenda.ics?quartier=cronenbourg-hautepierre');
		const t = agendaPage(c, new URL(`${SITE}/agenda?thematique=creation-entreprises`), TODAY);
		expect(t.months.flatMap((m) => m.events.map((e) => e.id))).toEqual(['forum-annule-meinau']);
		const archive = agendaPage(c, new URL(`${SITE}/agenda?commune=schiltigheim&passes=1`), TODAY);
		expect(archive.archive).toBe(true);
		expect(archive.months.flatMap((m) => m.events.map((e) => e.id))).toEqual(['marche-passe-schiltigheim']);
		const seedArchive = agendaPage(c, new URL(`${SITE}/agenda?passes=1`), TODAY);
		const seeded = count(
			"SELECT COUNT(*) AS n FROM records WHERE kind = 'event' AND status = 'published' AND json_extract(data, '$.startDate') < '2026-01-01'"
		);
		expect(seedArchive.count).toBe(seeded + 1);
		const bad = agendaPage(c, new URL(`${SITE}/agenda?quartier=nulle-part`), TODAY);
		expect(bad.notes[0]).toMatch(/^Filtre ignoré : .*nulle-part/);
	});

	it('shows events on quartier pages and on their organisers’ pages', async () => {
		const c = await getCatalogue(sql);
		const area = areaEvents(c, { kind: 'quartier', code: 'SQ_06', slug: 'cronenbourg-hautepierre' }, TODAY);
		expect(area.upcoming.map((e) => e.id)).toEqual(['atelier-reparation-hautepierre']);
		const cress = organiserEvents(c, 'cress-grand-est', TODAY);
		expect(cress.upcoming.map((e) => e.id)).toEqual(['atelier-reparation-hautepierre']);
		// The seed's Conseil de l'ESS sessions and the Mois de l'ESS, organised with the CRESS, are past.
		expect(cress.past.map((e) => e.id)).toContain('mois-de-l-ess-2010-2014');
	});
});

/** The VEVENT of an event, parsed by ical.js. */
function vevents(ics: string) {
	const cal = new ICAL.Component(ICAL.parse(ics));
	// As a calendar application does: the file's own VTIMEZONE defines what TZID=Europe/Paris means.
	for (const tz of cal.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(tz));
	return cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
}

describe('/agenda.ics', () => {
	it('reads back with ical.js: times in Strasbourg, repetitions, all-day spans, cancellation', async () => {
		const r = agendaIcs(await getCatalogue(sql), new URL(`${SITE}/agenda.ics`), SITE);
		if (!r.ok) throw new Error(r.message);
		const events = vevents(r.ics);
		const published = count(
			"SELECT COUNT(*) AS n FROM records WHERE kind = 'event' AND status = 'published'"
		);
		expect(events).toHaveLength(published);

		const workshop = events.find((e) => e.uid === 'atelier-reparation-hautepierre@carto.example')!;
		expect(workshop.summary).toBe('Atelier <réparation> & « vélos » à Hautepierre');
		expect(workshop.startDate.zone.tzid).toBe('Europe/Paris');
		// 18:00 in Strasbourg in winter is 17:00 UTC; the VTIMEZONE in the file says so.
		expect(workshop.startDate.toJSDate().toISOString()).toBe('2027-01-26T17:00:00.000Z');
		expect(workshop.location).toContain('Place André Maurois');
		const it = workshop.iterator();
		const starts: ICAL.Time[] = [];
		for (let next = it.next(); next; next = it.next()) starts.push(next);
		const dates = starts.map((t) => t.toString().slice(0, 10));
		expect(dates.slice(0, 3)).toEqual(['2027-01-26', '2027-02-02', '2027-02-09']);
		expect(dates.at(-1)).toBe('2027-03-30');
		// After the switch to summer time (28 March 2027), 18:00 in Strasbourg is 16:00 UTC.
		expect(starts.at(-1)!.toJSDate().toISOString()).toBe('2027-03-30T16:00:00.000Z');

		const forum = events.find((e) => e.uid === 'forum-annule-meinau@carto.example')!;
		expect(forum.startDate.isDate).toBe(true);
		expect(forum.startDate.toString()).toBe('2027-02-27');
		expect(forum.endDate.toString()).toBe('2027-03-02');
		expect(forum.component.getFirstPropertyValue('status')).toBe('CANCELLED');

		const mois = events.find((e) => e.uid === 'mois-de-l-ess-2010-2014@carto.example')!;
		const years: string[] = [];
		const years_it = mois.iterator();
		for (let next = years_it.next(); next; next = years_it.next()) years.push(next.toString());
		expect(years).toEqual(['2010-11-01', '2011-11-01', '2012-11-01', '2013-11-01', '2014-11-01']);
	});

	it('follows a quartier or a thématique, and refuses an unknown one in French', async () => {
		const c = await getCatalogue(sql);
		const q = agendaIcs(c, new URL(`${SITE}/agenda.ics?quartier=cronenbourg-hautepierre`), SITE);
		if (!q.ok) throw new Error(q.message);
		expect(vevents(q.ics).map((e) => e.uid)).toEqual(['atelier-reparation-hautepierre@carto.example']);
		const t = agendaIcs(c, new URL(`${SITE}/agenda.ics?thematique=creation-entreprises`), SITE);
		if (!t.ok) throw new Error(t.message);
		expect(vevents(t.ics).map((e) => e.uid)).toEqual(['forum-annule-meinau@carto.example']);
		const bad = agendaIcs(c, new URL(`${SITE}/agenda.ics?quartier=atlantide`), SITE);
		expect(bad).toEqual({
			ok: false,
			message: expect.stringContaining('Quartier ou commune inconnu « atlantide »')
		});
		const badTheme = agendaIcs(c, new URL(`${SITE}/agenda.ics?thematique=cuisine`), SITE);
		expect(badTheme.ok).toBe(false);
	});
});

describe('/flux/evenements.atom', () => {
	it('puts the latest change first, escapes, and follows a quartier', async () => {
		const c = await getCatalogue(sql);
		const times = publishedRecordTimes(db, 'event', 1_000_000);
		const all = eventsFeed(c, times, new URL(`${SITE}/flux/evenements.atom`), SITE);
		if (!all.ok) throw new Error(all.message);
		expect(all.xml).toContain('Atelier &lt;réparation&gt; &amp; « vélos »');
		const parsed = parseFeed(all.xml);
		expect(parsed.self).toBe(`${SITE}/flux/evenements.atom`);
		expect(parsed.url).toBe(`${SITE}/agenda`);
		expect(parsed.items[0].title).toBe('Forum de la Meinau');
		expect(parsed.items[0].description).toContain('Annulé');
		expect(parsed.items.map((i) => i.title)).not.toContain('Brouillon');

		const meinau = eventsFeed(c, times, new URL(`${SITE}/x?quartier=meinau`), SITE);
		if (!meinau.ok) throw new Error(meinau.message);
		const m = parseFeed(meinau.xml);
		expect(m.self).toBe(`${SITE}/flux/evenements.atom?quartier=meinau`);
		expect(m.items.map((i) => i.title)).toEqual(['Forum de la Meinau']);
		expect(eventsFeed(c, times, new URL(`${SITE}/x?quartier=atlantide`), SITE).ok).toBe(false);
	});
});
