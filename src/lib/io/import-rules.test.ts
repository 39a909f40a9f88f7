/**
 * The import's rules on a spreadsheet as a CRESS employee writes it: French headers in their own words,
 * commune names, French dates, oui / non, a typo in a commune, a row with no name; then what an update
 * may do to a curated record.
 */
import { describe, expect, it } from 'vitest';
import { organisationSchema, type Organisation } from '$lib/domain/records';
import { organisationFixture } from '$lib/domain/test-fixtures';
import { parseCsv } from './csv';
import { proposeMapping, suggestMapping } from './mapping';
import { planImport, type PlanOptions } from './plan';
import { placeContext } from './test-places';
import type { Table } from './table';

const SHEET = [
	'Liste des adhérents – export du 02/12/2026;;;;;;;;',
	'Nom de la structure;Activité;Ville;Quartier;Forme juridique;ESS ?;Site internet;Mis à jour le;Thématique(s)',
	'Les Jardins de la Montagne Verte;Maraîchage biologique en insertion;Strasbourg;Montagne-Verte;Association;oui;www.jardins-mv.example.org;04/11/2026;Initiatives collectives des habitants et innovation',
	'Coop Schilick;Épicerie coopérative;Schiltigeim;;SCIC;oui;https://coop.example.org;4/11/26;',
	'Vélo Solidaire ;Atelier de réparation de vélos;;Neudorf;Association loi 1901;OUI;;3 novembre 2026;',
	';Une ligne sans nom;Strasbourg;;Association;non;;04/11/2026;',
	'Repair Café Koenigshoffen;Réparation;strasbourg;;;x;;;',
	';;;;;;;;'
].join('\r\n');

function table(text: string): Table {
	const out = parseCsv(text);
	if (!out.ok) throw new Error(out.message);
	return out.table;
}

const OPTIONS: PlanOptions = {
	values: { roles: 'Structure de l’ESS' },
	source: { url: 'https://www.exemple.org/annuaire', title: 'Annuaire des adhérents' }
};

describe('a spreadsheet as people make it', () => {
	const sheet = table(SHEET);
	const mapping = suggestMapping('organisation', sheet.headers);

	it('recognises French headers in people’s own words', () => {
		expect(mapping).toEqual([
			'name',
			'description',
			'communeCode',
			'quartierCode',
			'legalForm',
			'isEss',
			'contact.website',
			'lastVerified',
			'thematiques'
		]);
	});

	it('says what is wrong, row by row, with the column, the field and a suggestion', () => {
		const plan = planImport('organisation', sheet, mapping, placeContext(), OPTIONS);
		expect(plan.rows.map((r) => [r.line, r.status])).toEqual([
			[3, 'new'],
			[4, 'error'],
			[5, 'new'],
			[6, 'error'],
			[7, 'new']
		]);
		expect(plan.rows[1].errors).toEqual([
			{
				field: 'communeCode',
				column: 'Ville',
				message: 'commune inconnue « Schiltigeim » : vouliez-vous dire « Schiltigheim » ?'
			}
		]);
		expect(plan.rows[3].errors).toEqual([
			{
				field: 'name',
				column: 'Nom de la structure',
				message: expect.stringMatching(/^vide : chaque ligne a besoin d’un nom/)
			}
		]);
	});

	it('reads names, French dates and oui into codes, and says what it filled in', () => {
		const plan = planImport('organisation', sheet, mapping, placeContext(), OPTIONS);
		const [jardins, , velo, , repair] = plan.rows;
		expect(jardins.record).toMatchObject({
			communeCode: '67482',
			quartierCode: 'SQ_09',
			legalForm: 'association',
			isEss: true,
			lastVerified: '2026-11-04',
			roles: ['acteur'],
			status: 'draft',
			confidence: 'medium',
			thematiques: ['initiatives-habitants'],
			contact: { website: 'https://www.jardins-mv.example.org' },
			sources: [
				{ url: 'https://www.exemple.org/annuaire', title: 'Annuaire des adhérents', seen: '2026-11-04' }
			]
		});
		expect(jardins.defaults?.map((d) => [d.path, d.from])).toEqual([
			['roles', 'fichier'],
			['sources', 'fichier'],
			['status', 'defaut'],
			['confidence', 'defaut']
		]);
		expect(velo.record).toMatchObject({
			name: 'Vélo Solidaire',
			legalForm: 'association-declaree',
			communeCode: '67482'
		});
		expect(velo.defaults).toContainEqual({ path: 'communeCode', value: '67482', from: 'quartier' });
		expect(repair.defaults?.map((d) => [d.path, d.value])).toEqual([
			['roles', "Structure de l'ESS"],
			['sources', 'https://www.exemple.org/annuaire (vu le 2026-12-04)'],
			['status', 'Brouillon'],
			['lastVerified', '2026-12-04'],
			['confidence', 'Source secondaire, ancienne ou fait déduit'],
			['legalForm', 'Forme juridique non connue']
		]);
	});

	it('refuses a row without a source unless the file’s publication is given, and says how', () => {
		const plan = planImport('organisation', sheet, mapping, placeContext(), { values: OPTIONS.values });
		expect(plan.rows[0].errors).toEqual([
			{
				field: 'sources',
				message: expect.stringMatching(
					/^aucune source : .*donnez l’adresse de la publication pour tout le fichier/
				)
			}
		]);
	});

	it('says a required field no column gives, and how to give it', () => {
		const plan = planImport('organisation', sheet, mapping, placeContext(), { source: OPTIONS.source });
		expect(plan.rows[0].errors).toEqual([
			{
				field: 'roles',
				message: expect.stringMatching(
					/aucune colonne du fichier ne le donne : associez-lui une colonne ou donnez une valeur pour tout le fichier/
				)
			}
		]);
	});
});

describe('updates never overwrite a curated value silently', () => {
	const curated = organisationSchema.parse(
		organisationFixture({
			id: 'recyclerie',
			slug: 'recyclerie',
			name: 'La Recyclerie',
			description: 'Texte relu par la CRESS.',
			tags: ['réemploi'],
			sources: [{ url: 'https://exemple.org/fiche', title: 'Fiche', seen: '2026-01-01' }]
		})
	) as Organisation;
	const existing = [{ record: curated, version: 4 }];
	const sheet = table(
		'Nom;Description;Mots-clés;Sources;Téléphone\nLa Recyclerie;Texte du tableur.;réemploi|vélo;https://exemple.org/autre;03 88 11 22 33\n'
	);
	const mapping = suggestMapping('organisation', sheet.headers);

	it('by default: empty fields filled, lists added to, curated texts kept and listed, before → after shown', () => {
		const row = planImport('organisation', sheet, mapping, placeContext(existing)).rows[0];
		// Found by its exact name, although its id does not come from that name.
		expect(row).toMatchObject({ status: 'update', recordId: 'recyclerie', keyBy: 'nom' });
		expect(row.record).toMatchObject({
			description: 'Texte relu par la CRESS.',
			tags: ['réemploi', 'vélo'],
			contact: { phone: '03 88 11 22 33' }
		});
		expect((row.record as Organisation).sources.map((s) => s.url)).toEqual([
			'https://exemple.org/fiche',
			'https://exemple.org/autre'
		]);
		expect(row.kept).toEqual([
			{
				path: 'description',
				column: 'Description',
				current: 'Texte relu par la CRESS.',
				offered: 'Texte du tableur.'
			}
		]);
		expect(row.diff?.map((c) => [c.label, c.before, c.after])).toEqual([
			['Mots-clés', 'réemploi', 'réemploi ; vélo'],
			['Téléphone', '', '03 88 11 22 33'],
			[
				'Sources',
				'https://exemple.org/fiche (vu le 2026-01-01)',
				'https://exemple.org/fiche (vu le 2026-01-01) ; https://exemple.org/autre (vu le 2026-12-04)'
			]
		]);
	});

	it('« remplacer » is chosen per column, and only that column replaces', () => {
		const row = planImport('organisation', sheet, mapping, placeContext(existing), {
			policies: { description: 'replace', tags: 'replace' }
		}).rows[0];
		expect(row.record).toMatchObject({ description: 'Texte du tableur.', tags: ['réemploi', 'vélo'] });
		expect(row.kept).toBeUndefined();
		expect(row.diff?.[0]).toMatchObject({
			label: 'Description',
			before: 'Texte relu par la CRESS.',
			after: 'Texte du tableur.'
		});
	});

	it('a row that only repeats the record, or offers values the record already has, changes nothing', () => {
		const same = table('Nom;Description\nLa Recyclerie;Texte du tableur.\n');
		const row = planImport(
			'organisation',
			same,
			suggestMapping('organisation', same.headers),
			placeContext(existing),
			{
				source: { url: 'https://exemple.org/tableur' }
			}
		).rows[0];
		expect(row.status).toBe('unchanged');
		expect(row.kept).toHaveLength(1);
	});

	it('an update the file makes cites the file’s publication beside the record’s sources', () => {
		const row = planImport(
			'organisation',
			table('Nom;Téléphone\nLa Recyclerie;03 88 11 22 33\n'),
			['name', 'contact.phone'],
			placeContext(existing),
			{
				source: { url: 'https://exemple.org/tableur' }
			}
		).rows[0];
		expect((row.record as Organisation).sources.map((s) => s.url)).toEqual([
			'https://exemple.org/fiche',
			'https://exemple.org/tableur'
		]);
	});
});

describe('mapping memory', () => {
	it('proposes what was chosen last time for a column name, before names; an ignored column stays ignored', () => {
		const headers = ['Raison sociale', 'Code postal', 'Commentaire', 'Nom'];
		const remembered = new Map([
			['raison sociale', { target: 'name' }],
			['commentaire', { target: '' }],
			['code postal', { target: 'nope' }]
		]);
		expect(proposeMapping('organisation', headers, remembered)).toEqual({
			mapping: ['name', '', '', ''],
			origin: ['memoire', '', 'memoire', '']
		});
		expect(proposeMapping('organisation', headers).mapping).toEqual(['name', '', '', '']);
	});
});
