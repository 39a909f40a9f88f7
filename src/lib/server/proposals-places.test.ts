/** Places proposed and corrected by visitors: the public form's post, through moderation, to the record. */
import { beforeEach, describe, expect, it } from 'vitest';
import { placeSchema, type Place } from '$lib/domain/records';
import { approveProposal, proposalView } from './admin/moderation';
import { migrate, openDatabase, type Db } from './db/connection';
import { sqliteClient } from './db/sql';
import { getProposal } from './db/proposals';
import { getRecordById, insertCommune, insertQuartier, insertRecord, insertThematique } from './db/records';
import { changeTarget, newProposalPage, submitChangeProposal, submitNewProposal } from './proposals';
import { loadDataset } from './seed/read-data';

const { dataset } = loadDataset('data');
const alice = { id: 'u-alice', name: 'Alice' };
let db: Db;

const curated = placeSchema.parse({
	kind: 'place',
	id: 'atelier-du-test',
	slug: 'atelier-du-test',
	name: 'Atelier du Test',
	description: 'Un atelier partagé décrit avec soin par l’équipe, avec ses sources.',
	status: 'published',
	sources: [{ reference: 'visite', seen: '2026-11-01' }],
	lastVerified: '2026-11-01',
	confidence: 'medium',
	caveats: [],
	placeTypes: ['atelier-partage'],
	services: ['Établis', 'Outils partagés'],
	audience: 'Habitants et associations',
	terms: 'adhesion',
	communeCode: '67482',
	quartierCode: 'SQ_08'
} satisfies Partial<Place>);

beforeEach(() => {
	db = openDatabase(':memory:');
	migrate(db);
	dataset.communes.forEach((c) => insertCommune(db, c));
	dataset.quartiers.forEach((q) => insertQuartier(db, q));
	dataset.thematiques.forEach((t) => insertThematique(db, t));
	insertRecord(db, curated);
});

const deps = () => ({
	sql: sqliteClient(db),
	clientAddress: '203.0.113.9',
	geocode: async () => ({ status: 'unavailable' }) as const
});

function post(entries: [string, string][]) {
	return new Request('http://test.local/proposer/lieu', {
		method: 'POST',
		body: new URLSearchParams(entries),
		headers: { 'content-type': 'application/x-www-form-urlencoded' }
	});
}

const place: [string, string][] = [
	['name', 'Cuisine partagée des Tests'],
	['description', 'Une cuisine équipée que les associations du quartier réservent à la demi-journée.'],
	['placeTypes', 'cuisine-partagee'],
	['services', 'Cuisine équipée\r\nChambre froide'],
	['terms', 'prix-libre'],
	['openingHours', 'du lundi au vendredi de 9h à 18h\r\nsamedi 10h-12h et 14h-17h\r\njours fériés fermé'],
	['place.zone', '67482:SQ_08'],
	['place.locationMode', 'quartier'],
	['homepage', '']
];

describe('a new place proposed by a visitor', () => {
	it('asks the place’s own questions, hours as lines in words', async () => {
		const page = await newProposalPage(sqliteClient(db), 'lieu', null);
		const fields = page.form.blocks.flatMap((b) => (b.block === 'fields' ? b.fields : []));
		expect(fields.find((f) => f.name === 'name')?.label).toBe('Nom du lieu');
		expect(fields.find((f) => f.name === 'placeTypes')).toMatchObject({
			control: 'checkbox',
			required: true
		});
		expect(fields.find((f) => f.name === 'openingHours')).toMatchObject({
			control: 'textarea',
			label: 'Horaires d’ouverture'
		});
		expect(fields.find((f) => f.name === 'openingHours')?.hint).toMatch(/du lundi au vendredi de 9h à 18h/);
	});

	it('is stored as new-place with the strict hours line, and approved into a published place', async () => {
		const outcome = await submitNewProposal('lieu', post(place), deps());
		expect(outcome).toMatchObject({ ok: true });
		if (!outcome.ok) return;
		const stored = getProposal(db, outcome.reference)!;
		expect(stored).toMatchObject({ type: 'new-place', status: 'pending' });
		expect(stored.payload).toMatchObject({
			openingHours: 'lu-ve 09:00-18:00; sa 10:00-12:00,14:00-17:00; fériés fermé',
			services: ['Cuisine équipée', 'Chambre froide'],
			placeTypes: ['cuisine-partagee']
		});
		expect((await proposalView(sqliteClient(db), stored.id))?.problems).toEqual([]);
		expect(await approveProposal(sqliteClient(db), stored.id, undefined, alice)).toEqual({
			ok: true,
			recordId: 'cuisine-partagee-des-tests'
		});
		const record = getRecordById(db, 'cuisine-partagee-des-tests')!;
		expect(record).toMatchObject({
			kind: 'place',
			status: 'published',
			quartierCode: 'SQ_08',
			terms: 'prix-libre',
			confidence: 'low'
		});
		expect('isEss' in record).toBe(false);
	});

	it('names the hours field’s unreadable line, in French, and keeps what was typed', async () => {
		const typed = place.map(([k, v]): [string, string] =>
			k === 'openingHours' ? [k, 'lundi 9h-12h\nle mardi matin'] : [k, v]
		);
		const outcome = await submitNewProposal('lieu', post(typed), deps());
		expect(outcome.ok).toBe(false);
		if (outcome.ok) return;
		expect(outcome.errors.openingHours).toMatch(/^ligne 2, « le mardi matin » illisible : horaire « matin »/);
		expect(outcome.values.openingHours).toBe('lundi 9h-12h\nle mardi matin');
		const none = place.filter(([k]) => k !== 'placeTypes');
		const missing = await submitNewProposal('lieu', post(none), deps());
		expect(!missing.ok && missing.errors.placeTypes).toBe('choisissez au moins un type de lieu');
	});
});

describe('a correction of a place', () => {
	it('changes the hours only: the curated text stays as it was', async () => {
		const target = (await changeTarget(sqliteClient(db), curated.id))!;
		expect(target.summary.current.services).toBe('Établis\nOutils partagés');
		const form: [string, string][] = [
			...Object.entries(target.summary.current).map(([k, v]): [string, string] => [
				`changes.${k}`,
				v.replace(/\n/g, '\r\n')
			]),
			['changes.openingHours', 'mardi et jeudi 14h-19h'],
			['explanation', 'Les horaires sont affichés sur la porte depuis novembre.'],
			['homepage', '']
		];
		const outcome = await submitChangeProposal(target.record, post(form), deps());
		expect(outcome).toMatchObject({ ok: true });
		if (!outcome.ok) return;
		const stored = getProposal(db, outcome.reference)!;
		expect((stored.payload as { changes: unknown }).changes).toEqual({ openingHours: 'ma,je 14:00-19:00' });
		expect(await approveProposal(sqliteClient(db), stored.id, 1, alice)).toMatchObject({
			ok: true
		});
		const after = getRecordById(db, curated.id)!;
		expect(after).toMatchObject({
			openingHours: 'ma,je 14:00-19:00',
			description: curated.description,
			services: curated.services,
			audience: curated.audience,
			confidence: 'medium',
			version: 2
		});
	});
});
