import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Commune, Quartier, Thematique } from '$lib/domain/geography';
import { migrate, openDatabase, type Db } from '../db/connection';
import { sqliteClient, type SqlClient } from '../db/sql';
import { countRecords, dataVersion, insertCommune, insertQuartier, insertThematique } from '../db/records';
import { importSireneUpload, type SireneUploadInput } from './upload';

const FIXTURES = fileURLToPath(new URL('../../io/sirene/fixtures/', import.meta.url));
const file = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(join(FIXTURES, name))) });
const read = <T>(f: string) => JSON.parse(readFileSync(`data/${f}`, 'utf8')) as T;
const NOW = new Date('2027-01-15T10:00:00Z');

let db: Db;
let sql: SqlClient;
beforeEach(() => {
	db = openDatabase(':memory:');
	sql = sqliteClient(db);
	migrate(db);
	for (const c of read<Commune[]>('communes.json')) insertCommune(db, c);
	for (const q of read<Quartier[]>('quartiers.json')) insertQuartier(db, q);
	for (const t of read<Thematique[]>('thematiques.json')) insertThematique(db, t);
});

const input = (over: Partial<SireneUploadInput> = {}): SireneUploadInput => ({
	etablissements: file('StockEtablissement_fixture.csv'),
	unitesLegales: file('StockUniteLegale_fixture.csv'),
	essFrance: file('ess-france_fixture.csv'),
	stockDate: '2026-12-01',
	dryRun: false,
	...over
});
const state = () => ({ version: dataVersion(db), counts: countRecords(db) });

describe('SIRENE extracts uploaded in the workspace', () => {
	it('imports as npm run import:sirene does, and the same extracts again change nothing', async () => {
		const dry = await importSireneUpload(sql, input({ dryRun: true }), NOW);
		expect(dry).toMatchObject({ ok: true, dryRun: true, report: { counts: { new: 9 } } });
		expect(state().counts.organisation).toBe(0);
		const real = await importSireneUpload(sql, input(), NOW);
		if (!real.ok) throw new Error(real.message);
		expect(real.report.counts).toMatchObject({ new: 9, rejected: 0 });
		expect(real.lines[1]).toBe(
			'Fichiers : StockEtablissement_fixture.csv ; StockUniteLegale_fixture.csv ; liste ESS France ess-france_fixture.csv'
		);
		expect(JSON.parse(real.lines.at(-1)!)).toMatchObject({ stockDate: '2026-12-01', new: 9, dryRun: false });
		const before = state();
		const again = await importSireneUpload(sql, input(), NOW);
		expect(again).toMatchObject({ ok: true, report: { counts: { new: 0, unchanged: 9 } } });
		expect(state()).toEqual(before);
	});

	it('refuses a missing file, a wrong kind of file or no date, naming the field, and writes nothing', async () => {
		const before = state();
		expect(await importSireneUpload(sql, input({ etablissements: undefined }))).toEqual({
			ok: false,
			message: '« Établissements » : choisissez un fichier'
		});
		expect(
			await importSireneUpload(
				sql,
				input({ unitesLegales: { name: 'unites.xlsx', bytes: new Uint8Array([1]) } })
			)
		).toEqual({ ok: false, message: '« Unités légales » : fichier .csv ou .zip attendu' });
		expect(await importSireneUpload(sql, input({ stockDate: '' }))).toEqual({
			ok: false,
			message: '« Date du stock » : date attendue (AAAA-MM-JJ)'
		});
		expect(state()).toEqual(before);
	});

	it('refuses a file cut short with the file, line and column, and writes nothing', async () => {
		const whole = file('StockEtablissement_fixture.csv');
		const cut = { name: whole.name, bytes: whole.bytes.subarray(0, Math.floor(whole.bytes.length * 0.6)) };
		const before = state();
		const r = await importSireneUpload(sql, input({ etablissements: cut }));
		expect(r.ok).toBe(false);
		if (!r.ok)
			expect(r.message).toMatch(/^StockEtablissement_fixture\.csv, ligne \d+.* ; rien n’a été importé$/);
		expect(state()).toEqual(before);
	});

	it('keeps an uploaded name from naming a path', async () => {
		const r = await importSireneUpload(
			sql,
			input({ etablissements: { ...file('StockEtablissement_fixture.csv'), name: '../../etc/Stock.csv' } }),
			NOW
		);
		expect(r).toMatchObject({ ok: true });
		if (r.ok) expect(r.lines[1]).toMatch(/^Fichiers : Stock\.csv ;/);
	});
});
