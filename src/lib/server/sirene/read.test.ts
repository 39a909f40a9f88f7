import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	createWriteStream,
	mkdtempSync,
	readFileSync,
	rmSync,
	truncateSync,
	utimesSync,
	writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import yazl from 'yazl';
import { ETABLISSEMENT_COLUMNS, UNITE_LEGALE_COLUMNS } from '$lib/io/sirene/columns';
import { SireneFileError } from '$lib/io/sirene/errors';
import {
	FIXTURE_ETABLISSEMENTS,
	FIXTURE_SIRET as S,
	csvLine,
	etablissementRow,
	fixtureEtablissementsCsv,
	fixtureUnitesLegalesCsv,
	stockCsv
} from '$lib/io/sirene/fixture';
import { selectSireneEstablishments, type SireneProgress, type SireneSelection } from './read';
import { sireneEstablishmentSchema } from '$lib/io/sirene/types';

const FIXTURES = fileURLToPath(new URL('../../io/sirene/fixtures/', import.meta.url));
const ETAB = join(FIXTURES, 'StockEtablissement_fixture.csv');
const UNITS = join(FIXTURES, 'StockUniteLegale_fixture.csv');
const ESS_FRANCE = join(FIXTURES, 'ess-france_fixture.csv');
const communes = JSON.parse(readFileSync('data/communes.json', 'utf8')) as { code: string }[];
const communeCodes = communes.map((c) => c.code);

let dir: string;
beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'carto-ess-sirene-test-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function zip(name: string, entries: Record<string, string>, zip64 = false): Promise<string> {
	const path = join(dir, name);
	const z = new yazl.ZipFile();
	for (const [entry, text] of Object.entries(entries)) {
		z.addBuffer(Buffer.from(text), entry, { forceZip64Format: zip64 });
	}
	z.end();
	return new Promise((resolve, reject) => {
		z.outputStream
			.pipe(createWriteStream(path))
			.on('close', () => resolve(path))
			.on('error', reject);
	});
}

function file(name: string, text: string): string {
	const path = join(dir, name);
	writeFileSync(path, text);
	return path;
}

async function failure(run: Promise<unknown>): Promise<SireneFileError> {
	try {
		await run;
	} catch (e) {
		if (e instanceof SireneFileError) return e;
		throw e;
	}
	throw new Error('expected a SireneFileError');
}

const select = (etablissements: string, unitesLegales = UNITS, more: object = {}) =>
	selectSireneEstablishments({
		etablissements,
		unitesLegales,
		communeCodes,
		stockDate: '2026-12-01',
		...more
	});

describe('selectSireneEstablishments on the fixture', () => {
	let result: SireneSelection;
	const progress: SireneProgress[] = [];
	beforeAll(async () => {
		result = await selectSireneEstablishments({
			etablissements: ETAB,
			unitesLegales: UNITS,
			essFrance: ESS_FRANCE,
			communeCodes,
			stockDate: '2026-12-01',
			onProgress: (p) => progress.push(p),
			progressEvery: 4
		});
	});
	const bySiret = (siret: string) => result.establishments.find((e) => e.siret === siret);

	it('counts every establishment row once, by what became of it', () => {
		expect(result.counts.etablissements).toEqual({
			read: 14,
			kept: 9,
			closed: 1,
			outside: 1,
			duplicate: 1,
			notEss: 1,
			unitMissing: 1
		});
		const c = result.counts.etablissements;
		expect(c.kept + c.closed + c.outside + c.duplicate + c.notEss + c.unitMissing).toBe(c.read);
		expect(result.counts.unitesLegales).toEqual({ read: 11, kept: 10, duplicate: 0 });
		expect(result.counts.essFrance).toEqual({ sirens: 2, keptThroughList: 1 });
		expect(result.counts.positionsDropped).toBe(1);
	});

	it('yields records in the schema, sorted by SIRET, dated by the option', () => {
		for (const e of result.establishments) sireneEstablishmentSchema.parse(e);
		const sirets = result.establishments.map((e) => e.siret);
		expect(sirets).toEqual([...sirets].sort());
		expect(result.stockDate).toBe('2026-12-01');
		expect(result.stockDateFrom).toBe('option');
		expect(result.files).toEqual({
			etablissements: 'StockEtablissement_fixture.csv',
			unitesLegales: 'StockUniteLegale_fixture.csv',
			essFrance: 'ess-france_fixture.csv'
		});
	});

	it('skips the closed, outside, not-ESS and unit-less establishments', () => {
		for (const siret of [S.closed, S.outside, S.notEss, S.unitMissing])
			expect(bySiret(siret)).toBeUndefined();
	});

	it('keeps one establishment for a SIRET written twice', () => {
		expect(result.establishments.filter((e) => e.siret === S.plain)).toHaveLength(1);
		expect(bySiret(S.plain)?.source.etablissementsLine).toBe(2);
	});

	it('keeps a unit ESS only through the ESS France list, its SIREN zero-padded', () => {
		expect(bySiret(S.essFranceOnly)).toMatchObject({
			siren: '012345678',
			ess: { inseeFlag: false, essFranceList: true },
			activity: { family: 'insertion-emploi' }
		});
	});

	it('reads a quoted name with a comma, an enseigne that differs and a street type written as a word', () => {
		expect(bySiret(S.enseigneDiffers)).toMatchObject({
			name: 'LA FRIPERIE SOLIDAIRE',
			nameFromEstablishment: true,
			unitName: 'ENTRAIDE, PARTAGE ET REEMPLOI',
			legalCategory: { code: '5460', legalForm: 'cooperative' },
			activity: { code: '47.79Z', family: 'environnement-reemploi' },
			address: { line: '3 bis avenue DES VOSGES', postcode: '67300' },
			commune: { code: '67447', name: 'SCHILTIGHEIM' }
		});
		expect(bySiret(S.plain)?.address?.streetType).toBe('boulevard');
	});

	it('keeps no address nor position for status P, of the establishment or of its unit', () => {
		for (const siret of [S.establishmentPartial, S.unitPartial]) {
			const e = bySiret(siret)!;
			expect(e.diffusion).toBe('P');
			expect(e.address).toBeNull();
			expect(e.position).toBeNull();
			expect(e.name).not.toBeNull();
		}
		expect(bySiret(S.unitPartial)?.name).toBe('COOPERATIVE DU QUAI');
	});

	it('turns [ND] into nothing and never names a natural person', () => {
		const e = bySiret(S.naturalPerson)!;
		expect(e.name).toBeNull();
		expect(e.unitName).toBeNull();
		expect(JSON.stringify(result)).not.toContain('[ND]');
		expect(JSON.stringify(result)).not.toContain('JEAN EXEMPLE');
	});

	it('has an address without position when the register has no coordinates', () => {
		const e = bySiret(S.noCoordinates)!;
		expect(e.position).toBeNull();
		expect(e.address?.line).toBe('12 rue DU JEU DES ENFANTS');
		expect(e.legalCategory.legalForm).toBe('fondation');
	});

	it('drops register coordinates outside the Eurométropole', () => {
		expect(bySiret(S.coordinatesElsewhere)?.position).toBeNull();
		expect(bySiret(S.plain)?.position).toEqual({ lon: 7.7508, lat: 48.5818, precision: 'address' });
	});

	it('reports progress for both files, ending with done', () => {
		const last = (file: string) => progress.filter((p) => p.file === file).at(-1)!;
		expect(last('etablissements')).toMatchObject({ rowsRead: 14, rowsKept: 12, done: true });
		expect(last('unitesLegales')).toMatchObject({ rowsRead: 11, rowsKept: 10, done: true });
		expect(progress.some((p) => !p.done && p.rowsRead >= 4)).toBe(true);
		for (const p of progress) expect(p.rowsPerSecond).toBeGreaterThanOrEqual(0);
	});
});

describe('selectSireneEstablishments inputs', () => {
	it('reads the CSVs inside INSEE-style zips, with the same result', async () => {
		const etab = await zip('StockEtablissement_utf8.zip', {
			'StockEtablissement_utf8.csv': fixtureEtablissementsCsv()
		});
		const units = await zip('StockUniteLegale_utf8.zip', {
			'StockUniteLegale_utf8.csv': fixtureUnitesLegalesCsv()
		});
		const fromZip = await select(etab, units, { essFrance: ESS_FRANCE });
		const fromCsv = await select(ETAB, UNITS, { essFrance: ESS_FRANCE });
		expect(fromZip.establishments).toEqual(fromCsv.establishments);
		expect(fromZip.files.etablissements).toBe('StockEtablissement_utf8.zip (StockEtablissement_utf8.csv)');
	});

	it('reads a Zip64 archive, the format of the multi-GB national files', async () => {
		const etab = await zip('zip64.zip', { 'StockEtablissement_utf8.csv': fixtureEtablissementsCsv() }, true);
		expect((await select(etab)).establishments).toEqual((await select(ETAB)).establishments);
	});

	it('without the ESS France list, counts the listed-only unit as not ESS', async () => {
		const r = await select(ETAB);
		expect(r.counts.etablissements.notEss).toBe(2);
		expect(r.counts.essFrance).toBeNull();
	});

	it('dates the stock by the establishment file’s modification date when not told', async () => {
		const path = file('dated.csv', readFileSync(ETAB, 'utf8'));
		utimesSync(path, new Date(2026, 10, 3, 12), new Date(2026, 10, 3, 12));
		const r = await selectSireneEstablishments({ etablissements: path, unitesLegales: UNITS, communeCodes });
		expect(r.stockDate).toBe('2026-11-03');
		expect(r.stockDateFrom).toBe('file');
		expect(r.establishments[0].stockDate).toBe('2026-11-03');
	});

	it('reads columns by name: reordered and added columns change nothing', async () => {
		const header: string[] = [...ETABLISSEMENT_COLUMNS].reverse();
		header.push('colonneAjouteeEnDecembre');
		const reordered = stockCsv(
			header,
			FIXTURE_ETABLISSEMENTS.map((v) => [...etablissementRow(v)].reverse().concat('x'))
		);
		const r = await select(file('reordered.csv', reordered));
		const base = await select(ETAB);
		expect(r.establishments).toHaveLength(base.counts.etablissements.kept);
		expect(r.establishments).toEqual(base.establishments);
	});
});

describe('malformed files stop the import with a French message naming file, line and column', () => {
	const etabText = () => readFileSync(ETAB, 'utf8');

	it('a missing required column', async () => {
		const text = etabText().replace('codeCommuneEtablissement', 'codeCommune');
		const e = await failure(select(file('sans-commune.csv', text)));
		expect(e.message).toMatch(
			/^sans-commune\.csv, ligne 1, colonne « codeCommuneEtablissement » : colonne obligatoire absente/
		);
	});

	it('a semicolon-separated file', async () => {
		const text = etabText().split('\n')[0].replaceAll(',', ';') + '\n';
		const e = await failure(select(file('point-virgule.csv', text)));
		expect(e.message).toContain('point-virgule.csv, ligne 1');
		expect(e.message).toContain('« ; »');
	});

	it('a truncated zip', async () => {
		const path = await zip('tronque.zip', { 'StockEtablissement_utf8.csv': etabText() });
		truncateSync(path, Math.floor(readFileSync(path).length * 0.6));
		const e = await failure(select(path));
		expect(e.message).toMatch(/^tronque\.zip : archive zip tronquée ou illisible/);
	});

	it('a zip holding more than one CSV', async () => {
		const path = await zip('deux.zip', { 'a.csv': etabText(), 'b.csv': etabText() });
		expect((await failure(select(path))).message).toContain('un seul est attendu');
	});

	it('a file cut in the middle of a line', async () => {
		const text = etabText();
		const cut = text.slice(0, text.indexOf('\n', text.indexOf('\n', 2000) + 1) + 120);
		const e = await failure(select(file('coupe.csv', cut)));
		expect(e.file).toBe('coupe.csv');
		expect(e.line).toBeGreaterThan(2);
		expect(e.column).toBeDefined();
		expect(e.message).toContain('valeurs au lieu de 54');
	});

	it('an unterminated quote', async () => {
		const lines = etabText().split('\n');
		lines[3] = lines[3].replace('DU JEU DES ENFANTS', '"DU JEU DES ENFANTS');
		const e = await failure(select(file('guillemet.csv', lines.join('\n'))));
		expect(e.line).toBe(4);
		expect(e.column).toBe('libelleVoieEtablissement');
		expect(e.message).toContain('guillemet');
	});

	it('a line with a value too many', async () => {
		const lines = etabText().split('\n');
		lines[5] = lines[5] + ',en trop';
		const e = await failure(select(file('trop.csv', lines.join('\n'))));
		expect(e.message).toBe(
			'trop.csv, ligne 6, colonne « activitePrincipaleNAF25Etablissement » : 55 valeurs au lieu de 54 : valeur en trop après la dernière colonne (virgule hors guillemets ?)'
		);
	});

	it('a kept row with an invalid value, in the legal-unit file', async () => {
		const text = fixtureUnitesLegalesCsv().replace('100000003,O,', '100000003,X,');
		const e = await failure(select(ETAB, file('statut.csv', text)));
		expect(e.file).toBe('statut.csv');
		expect(e.column).toBe('statutDiffusionUniteLegale');
		expect(e.message).toContain('valeur « X »');
	});

	it('an ESS France list without a SIREN column or with a bad SIREN', async () => {
		const none = await failure(select(ETAB, UNITS, { essFrance: file('liste.csv', 'Nom;Ville\nX;Y\n') }));
		expect(none.message).toContain('aucune colonne « SIREN »');
		const bad = await failure(select(ETAB, UNITS, { essFrance: file('liste2.csv', 'siren,nom\n12A,X\n') }));
		expect(bad.message).toBe(
			'liste2.csv, ligne 2, colonne « SIREN » : SIREN invalide « 12A » (9 chiffres au plus)'
		);
	});

	it('a missing file', async () => {
		expect((await failure(select(join(dir, 'absent.zip')))).message).toContain('introuvable');
	});

	it('yields nothing when the second file is broken', async () => {
		const broken = file('unites-cassees.csv', fixtureUnitesLegalesCsv().slice(0, -40));
		await expect(select(ETAB, broken)).rejects.toBeInstanceOf(SireneFileError);
	});

	it('an empty file and a header-only file', async () => {
		expect((await failure(select(file('vide.csv', '')))).message).toContain('vide');
		const headerOnly = await select(file('entete.csv', csvLine(ETABLISSEMENT_COLUMNS) + '\n'));
		expect(headerOnly.counts.etablissements.read).toBe(0);
		expect(headerOnly.establishments).toEqual([]);
		expect(UNITE_LEGALE_COLUMNS).toHaveLength(35);
	});
});
