/**
 * SYNTHETIC SIRENE stock files for the benchmark, in INSEE's real column layout (54 and 35 columns), written
 * as streams so millions of rows never sit in memory. Files are named `synthetic-…`; every name in them is
 * made up. Rows are sorted by SIREN as INSEE's are; about 1 in 100 establishments is in the Eurométropole and
 * a tenth of those belong to an ESS unit. Same seed, same files.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { ETABLISSEMENT_COLUMNS, UNITE_LEGALE_COLUMNS } from '$lib/io/sirene/columns';
import { csvLine, etablissementRow, uniteLegaleRow } from '$lib/io/sirene/fixture';
import { seededRandom } from './synthetic';

export interface SyntheticSireneOptions {
	etablissementRows: number;
	/** The 33 commune codes of the Eurométropole. */
	communeCodes: readonly string[];
	seed?: number;
	/** Share of establishment rows in the Eurométropole (default 0.01) and of those whose unit is ESS (0.1). */
	inAreaShare?: number;
	essShareInArea?: number;
}

export interface SyntheticSireneCounts {
	etablissementRows: number;
	uniteLegaleRows: number;
	/** Active establishments in the Eurométropole whose unit is flagged ESS: what the pipeline must keep. */
	expectedKept: number;
}

const WORDS = [
	'JARDIN',
	'ATELIER',
	'MAISON',
	'SOLIDAIRE',
	'ENTRAIDE',
	'QUARTIER',
	'RHIN',
	'ILL',
	'PARTAGE',
	'CULTURE',
	'SPORT',
	'AVENIR',
	'ESPOIR',
	'CITOYEN',
	'VELO',
	'RECUP',
	'SAVOIRS',
	'LIENS',
	'NORD',
	'SUD'
];
const STREET_TYPES = ['RUE', 'AV', 'BD', 'PL', 'AVENUE', 'ROUTE', 'IMP', 'CHEMIN', 'QUAI', 'ALL'];
const NAF = [
	'88.99B',
	'94.99Z',
	'88.10A',
	'47.11C',
	'56.10A',
	'62.01Z',
	'43.21A',
	'85.59A',
	'93.12Z',
	'90.01Z'
];
const CATEGORIES = ['5710', '5499', '1000', '9220', '5460', '6540'];
const ESS_CATEGORIES = ['9220', '9260', '5460', '5458', '8210', '9300'];

/** Writes lines to a file with backpressure, in 256 KB batches. */
class LineWriter {
	private stream;
	private buffer: string[] = [];
	private size = 0;
	constructor(path: string) {
		this.stream = createWriteStream(path);
	}
	async write(line: string): Promise<void> {
		this.buffer.push(line);
		this.size += line.length + 1;
		if (this.size >= 256 * 1024) await this.flush();
	}
	async flush(): Promise<void> {
		if (this.buffer.length === 0) return;
		const ok = this.stream.write(this.buffer.join('\n') + '\n');
		this.buffer = [];
		this.size = 0;
		if (!ok) await once(this.stream, 'drain');
	}
	async close(): Promise<void> {
		await this.flush();
		this.stream.end();
		await once(this.stream, 'close');
	}
}

export async function writeSyntheticSirene(
	etablissementsPath: string,
	unitesLegalesPath: string,
	options: SyntheticSireneOptions
): Promise<SyntheticSireneCounts> {
	const random = seededRandom(options.seed ?? 2154);
	const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
	const name = () => `${pick(WORDS)} ${pick(WORDS)} ${Math.floor(random() * 1000)}`;
	const inAreaEvery = Math.round(1 / (options.inAreaShare ?? 0.01));
	const essEvery = Math.round(1 / (options.essShareInArea ?? 0.1));
	const etabs = new LineWriter(etablissementsPath);
	const units = new LineWriter(unitesLegalesPath);
	await etabs.write(csvLine(ETABLISSEMENT_COLUMNS));
	await units.write(csvLine(UNITE_LEGALE_COLUMNS));

	let unitRows = 0;
	let expectedKept = 0;
	let row = 0;
	let sirenNumber = 100_000_000;
	while (row < options.etablissementRows) {
		// One to three establishments per unit (1.33 on average), as in the national stock.
		const r = random();
		const count = Math.min(r < 0.75 ? 1 : r < 0.95 ? 2 : 3, options.etablissementRows - row);
		const siren = String(sirenNumber++);
		let unitInArea = false;
		let unitEss = false;
		const partialUnit = random() < 0.02;
		let inAreaActive = 0;
		for (let n = 0; n < count; n++, row++) {
			const inArea = row % inAreaEvery === 0;
			if (inArea && (row / inAreaEvery) % essEvery === 0) unitEss = true;
			unitInArea ||= inArea;
			const active = random() < 0.5;
			const partial = partialUnit || random() < 0.03;
			const nic = String(10 + n * 8).padStart(5, '0');
			// Outside: any department but the Bas-Rhin, so no random code lands on one of the 33 communes.
			const department = 1 + Math.floor(random() * 94);
			const commune = inArea
				? pick(options.communeCodes)
				: `${String(department >= 67 ? department + 1 : department).padStart(2, '0')}${Math.floor(random() * 900) + 100}`;
			const quoted = random() < 0.02;
			const x = 100_000 + random() * 1_100_000;
			const y = 6_050_000 + random() * 1_050_000;
			const nd = (v: string) => (partial ? '[ND]' : v);
			await etabs.write(
				csvLine(
					etablissementRow({
						siren,
						nic,
						siret: siren + nic,
						statutDiffusionEtablissement: partial ? 'P' : 'O',
						dateCreationEtablissement: `${1980 + Math.floor(random() * 45)}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`,
						trancheEffectifsEtablissement: pick(['NN', '01', '02', '03', '11', '']),
						anneeEffectifsEtablissement: '2023',
						dateDernierTraitementEtablissement: '2025-03-20T12:27:24.000',
						etablissementSiege: n === 0 ? 'true' : 'false',
						nombrePeriodesEtablissement: String(1 + Math.floor(random() * 5)),
						complementAdresseEtablissement: random() < 0.1 ? nd('BATIMENT A') : '',
						numeroVoieEtablissement: nd(String(1 + Math.floor(random() * 200))),
						typeVoieEtablissement: nd(pick(STREET_TYPES)),
						libelleVoieEtablissement: nd(quoted ? 'DU 8 MAI 1945, ENTREE B' : `DES ${pick(WORDS)}S`),
						codePostalEtablissement: nd(commune.slice(0, 2) + '000'),
						libelleCommuneEtablissement: `COMMUNE ${commune}`,
						codeCommuneEtablissement: commune,
						identifiantAdresseEtablissement: nd(`${commune}_${Math.floor(random() * 9999)}_00001`),
						coordonneeLambertAbscisseEtablissement: nd(x.toFixed(10)),
						coordonneeLambertOrdonneeEtablissement: nd(y.toFixed(10)),
						dateDebut: '2019-01-01',
						etatAdministratifEtablissement: active ? 'A' : 'F',
						enseigne1Etablissement: random() < 0.2 ? name() : '',
						activitePrincipaleEtablissement: pick(NAF),
						nomenclatureActivitePrincipaleEtablissement: 'NAFRev2',
						caractereEmployeurEtablissement: pick(['O', 'N']),
						activitePrincipaleNAF25Etablissement: pick(NAF)
					})
				)
			);
			if (inArea && active) inAreaActive++;
		}
		if (unitEss) expectedKept += inAreaActive;
		// Outside the area, about 7 % of units carry INSEE's ESS flag, as nationally.
		const ess = unitEss || (!unitInArea && random() < 0.07);
		await units.write(
			csvLine(
				uniteLegaleRow({
					siren,
					statutDiffusionUniteLegale: partialUnit ? 'P' : 'O',
					dateCreationUniteLegale: '2001-05-12',
					identifiantAssociationUniteLegale: ess ? `W67${String(sirenNumber).slice(-7)}` : '',
					trancheEffectifsUniteLegale: '01',
					anneeEffectifsUniteLegale: '2023',
					dateDernierTraitementUniteLegale: '2025-03-20T12:27:24.000',
					nombrePeriodesUniteLegale: '3',
					categorieEntreprise: 'PME',
					anneeCategorieEntreprise: '2022',
					dateDebut: '2010-01-01',
					etatAdministratifUniteLegale: 'A',
					denominationUniteLegale: name(),
					categorieJuridiqueUniteLegale: ess ? pick(ESS_CATEGORIES) : pick(CATEGORIES),
					activitePrincipaleUniteLegale: pick(NAF),
					nomenclatureActivitePrincipaleUniteLegale: 'NAFRev2',
					nicSiegeUniteLegale: '00010',
					economieSocialeSolidaireUniteLegale: ess ? 'O' : pick(['N', '']),
					societeMissionUniteLegale: 'N',
					caractereEmployeurUniteLegale: 'O',
					activitePrincipaleNAF25UniteLegale: pick(NAF)
				})
			)
		);
		unitRows++;
	}
	await etabs.close();
	await units.close();
	return { etablissementRows: row, uniteLegaleRows: unitRows, expectedKept };
}
