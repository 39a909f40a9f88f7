/**
 * The Atom feeds, read back with a maintained feed parser (@rowanmanning/feed-parser): what a feed reader
 * sees. The store is the real seed, plus records written the way the workspace writes them, so the order
 * follows the store's dates.
 */
import { parseFeed } from '@rowanmanning/feed-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { initiativeSchema } from '$lib/domain/records';
import { initiativeFixture } from '$lib/domain/test-fixtures';
import { fundingFeed, initiativesFeed, FEED_SIZE } from '$lib/pages/feeds';
import { getCatalogue } from './catalogue';
import { migrate, openDatabase, type Db } from './db/connection';
import { publishedRecordTimes } from './db/observatory';
import { getRecordById, insertRecord, updateRecord } from './db/records';
import { seedIfEmpty } from './db/seed';
import { loadDataset } from './seed/read-data';
import { sqliteClient, type SqlClient } from './db/sql';

const SITE = 'https://carto.example';
let db: Db;
let sql: SqlClient;

beforeAll(async () => {
	db = openDatabase(':memory:');
	sql = sqliteClient(db);
	migrate(db);
	seedIfEmpty(db, loadDataset('data').dataset, new Date('2026-11-20T10:00:00Z'));
	// A new initiative at the Meinau, with characters XML must escape, written after the seed.
	insertRecord(
		db,
		initiativeSchema.parse(
			initiativeFixture({
				id: 'jardin-feed',
				slug: 'jardin-feed',
				name: 'Jardin <partagé> & « Potager » de la Meinau',
				description: 'Un jardin ouvert à tous & à toutes.',
				communeCode: '67482',
				quartierCode: 'SQ_07'
			})
		),
		{ now: new Date('2026-12-01T09:00:00Z') }
	);
});

const times = (kind: 'initiative' | 'funding-tool') => publishedRecordTimes(db, kind, 1_000_000);

describe('/flux/financements.atom', () => {
	it('lists the published funding tools as Atom entries a reader can follow', async () => {
		const feed = parseFeed(fundingFeed(await getCatalogue(sql), times('funding-tool'), SITE));
		const tools = (await getCatalogue(sql)).fundingTools;
		expect(feed.title).toBe('Carto ESS : outils de financement de l’ESS');
		expect(feed.self).toBe(`${SITE}/flux/financements.atom`);
		expect(feed.url).toBe(`${SITE}/financements`);
		expect(feed.items).toHaveLength(Math.min(FEED_SIZE, tools.length));
		const first = feed.items[0];
		const tool = tools.find((t) => t.name === first.title)!;
		expect(first.url).toBe(`${SITE}/financements/${tool.slug}`);
		expect(first.id).toBe(`tag:carto.example,2026:funding-tool/${tool.id}`);
		expect(first.updated?.toISOString()).toBe('2026-11-20T10:00:00.000Z');
		expect(first.description).toContain('Disponibilité');
		expect(new Set(feed.items.map((i) => i.id)).size).toBe(feed.items.length);
	});
});

describe('/flux/initiatives.atom', () => {
	it('puts the latest change first and escapes names and descriptions', async () => {
		const feed = initiativesFeed(
			await getCatalogue(sql),
			times('initiative'),
			new URL(`${SITE}/flux/initiatives.atom`),
			SITE
		);
		if (!feed.ok) throw new Error(feed.message);
		expect(feed.xml).toContain('Jardin &lt;partagé&gt; &amp; « Potager »');
		const parsed = parseFeed(feed.xml);
		expect(parsed.items[0].title).toBe('Jardin <partagé> & « Potager » de la Meinau');
		expect(parsed.items[0].url).toBe(`${SITE}/initiatives/jardin-feed`);
		expect(parsed.items[0].description).toContain('Un jardin ouvert à tous & à toutes.');
		expect(parsed.updated?.toISOString()).toBe('2026-12-01T09:00:00.000Z');
	});

	it('follows one quartier or one commune, by the slug of its page', async () => {
		const catalogue = await getCatalogue(sql);
		const meinau = initiativesFeed(
			catalogue,
			times('initiative'),
			new URL(`${SITE}/x?quartier=meinau`),
			SITE
		);
		if (!meinau.ok) throw new Error(meinau.message);
		const parsed = parseFeed(meinau.xml);
		expect(parsed.self).toBe(`${SITE}/flux/initiatives.atom?quartier=meinau`);
		expect(parsed.url).toBe(`${SITE}/quartiers/meinau`);
		const expected = catalogue.initiatives.filter((i) => i.quartierCode === 'SQ_07').map((i) => i.name);
		expect(parsed.items.map((i) => i.title).sort()).toEqual(expected.sort());

		const schilick = initiativesFeed(
			catalogue,
			times('initiative'),
			new URL(`${SITE}/x?quartier=schiltigheim`),
			SITE
		);
		if (!schilick.ok) throw new Error(schilick.message);
		expect(
			parseFeed(schilick.xml)
				.items.map((i) => i.title)
				.sort()
		).toEqual(
			catalogue.initiatives
				.filter((i) => i.communeCode === '67447')
				.map((i) => i.name)
				.sort()
		);
	});

	it('moves a record up when it changes, and refuses an unknown quartier in French', async () => {
		const stored = getRecordById(db, (await catalogue()).initiatives.at(-1)!.id)!;
		const { version, ...record } = stored;
		updateRecord(
			db,
			{ ...record, description: `${record.description} Mise à jour.` },
			{ expectedVersion: version, now: new Date('2026-12-03T12:00:00Z') }
		);
		const feed = initiativesFeed(await catalogue(), times('initiative'), new URL(`${SITE}/x`), SITE);
		if (!feed.ok) throw new Error(feed.message);
		expect(parseFeed(feed.xml).items[0].title).toBe(stored.name);

		expect(initiativesFeed(await catalogue(), [], new URL(`${SITE}/x?quartier=atlantide`), SITE)).toEqual({
			ok: false,
			message: expect.stringContaining('Quartier ou commune inconnu « atlantide »')
		});
	});
});

const catalogue = () => getCatalogue(sql);
