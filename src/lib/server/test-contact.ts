/**
 * A small store for the contact and mail tests: Strasbourg with one quartier, a structure that publishes
 * an e-mail, an initiative it carries that has none of its own, an initiative with no address anywhere, and
 * a funding tool of that structure. Synthetic records (fixtures), never real data.
 */
import type { Commune, Quartier } from '$lib/domain/geography';
import {
	fundingToolSchema,
	initiativeSchema,
	organisationSchema,
	type PublicRecord,
	type PublicRecordInput
} from '$lib/domain/records';
import { initiativeFixture, organisationFixture, toolFixture } from '$lib/domain/test-fixtures';
import { recordToForm } from '$lib/io/record-form';
import { migrate, openDatabase, type Db } from './db/connection';
import { insertCommune, insertQuartier, insertRecord } from './db/records';

export const SITE = 'https://carto.example';
export const EDITOR = { id: 'u-edith', name: 'Édith' };

export const withEmail = organisationSchema.parse(
	organisationFixture({
		id: 'jardin-asso',
		slug: 'jardin-asso',
		name: 'Association du Jardin (synthétique)',
		contact: { email: 'contact@jardin-asso.example', phone: '03 88 00 00 00' }
	})
);
export const carried = initiativeSchema.parse(
	initiativeFixture({
		id: 'jardin-partage',
		slug: 'jardin-partage',
		name: 'Jardin partagé (synthétique)',
		carrier: { kind: 'association', organisationId: 'jardin-asso' }
	})
);
export const noAddress = initiativeSchema.parse(
	initiativeFixture({ id: 'fete-rue', slug: 'fete-rue', name: 'Fête de la rue (synthétique)' })
);
export const tool = fundingToolSchema.parse(
	toolFixture({ id: 'bourse-test', slug: 'bourse-test', providerIds: ['jardin-asso'] })
);

export function contactStore(records: PublicRecord[] = [withEmail, carried, noAddress, tool]): Db {
	const db = openDatabase(':memory:');
	migrate(db);
	const sources = [{ reference: 'test', seen: '2026-01-01' }];
	insertCommune(db, {
		code: '67482',
		slug: 'strasbourg',
		name: 'Strasbourg',
		postcodes: ['67000'],
		centroid: { lon: 7.75, lat: 48.58 },
		inCus2014: true,
		sources
	} as Commune);
	insertQuartier(db, {
		code: 'SQ_07',
		slug: 'meinau',
		name: 'Meinau',
		communeCode: '67482',
		subQuartiers: [{ slug: 'meinau', name: 'Meinau' }],
		point: { lon: 7.75, lat: 48.56 },
		pointConfidence: 'low',
		sources
	} as Quartier);
	for (const r of records) insertRecord(db, r, { by: null, action: 'seed' });
	return db;
}

/** The admin form's raw values for a record (what « Modifier puis approuver » posts). */
export function formOf(record: PublicRecordInput, overrides: Record<string, string | string[]> = {}) {
	const form = recordToForm(record);
	const out: Record<string, string | string[]> = { ...form.values };
	form.sources.forEach((s, i) => Object.entries(s).forEach(([k, v]) => (out[`sources.${i}.${k}`] = v)));
	return { ...out, ...overrides };
}

/** A urlencoded form post, as a browser without JavaScript sends it. */
export function formPost(entries: Record<string, string>, headers: Record<string, string> = {}) {
	return new Request('http://test.local/contacter/x', {
		method: 'POST',
		body: new URLSearchParams(entries),
		headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }
	});
}
