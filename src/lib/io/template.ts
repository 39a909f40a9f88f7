/**
 * Import templates, one per kind of record, as CSV (for any spreadsheet) and Excel: the usual columns with
 * their French labels as headers (which the mapping recognises), and one example row typed as a person
 * would (commune and quartier names, French dates, « oui »), marked so that every import skips it. The
 * workbook adds a help note on each header and a second sheet, « Aide », saying what each column takes.
 */
import ExcelJS from 'exceljs';
import { FIELDS, type FieldSpec } from '$lib/domain/fields';
import type { RecordKind } from '$lib/domain/records';
import { termsOf } from '$lib/domain/taxonomies';
import { writeCsv } from './csv';
import { EXAMPLE_MARK } from './grid';
import { automaticDefaults, describeDefault } from './import-options';

/** The template's columns and the example row's cells, per kind (field path -> text as typed). */
const EXAMPLES: Record<RecordKind, Record<string, string>> = {
	organisation: {
		name: `Recyclerie des Deux Rives ${EXAMPLE_MARK}`,
		description:
			'Collecte, répare et revend des objets du quotidien ; emploie des personnes en parcours d’insertion.',
		siret: '123 456 789 00012',
		roles: 'Structure de l’ESS',
		legalForm: 'Association inscrite de droit local (Alsace-Moselle)',
		isEss: 'oui',
		thematiques: 'Initiatives collectives des habitants et innovation',
		sectors: 'Réemploi, réparation, recyclage ; Insertion par l’activité économique',
		tags: 'ressourcerie | réparation',
		foundedYear: '2012',
		address: '12 rue de l’Exemple',
		communeCode: 'Strasbourg',
		quartierCode: 'Neudorf',
		'contact.website': 'https://www.exemple.org',
		'contact.email': 'contact@exemple.org',
		'contact.phone': '03 88 00 00 00',
		sources: 'Annuaire des adhérents https://www.exemple.org/annuaire',
		lastVerified: '02/11/2026',
		confidence: 'moyenne'
	},
	initiative: {
		name: `Jardin partagé des Tilleuls ${EXAMPLE_MARK}`,
		description: 'Un jardin cultivé par les habitants du quartier, ouvert à toutes et tous le samedi matin.',
		initiativeType: 'Jardin partagé ou familial',
		isEss: 'non',
		'carrier.kind': 'Collectif d’habitants',
		'carrier.name': 'Collectif des Tilleuls',
		howToJoin: 'Venir le samedi matin au jardin, ou écrire au collectif.',
		schedule: 'Le samedi de 10 h à 12 h',
		needs: 'Bénévoles ; Du matériel',
		thematiques: 'Initiatives collectives des habitants et innovation',
		sectors: 'Jardins et nature en ville',
		address: '3 rue des Tilleuls',
		communeCode: 'Strasbourg',
		quartierCode: 'Hautepierre',
		'contact.email': 'jardin@exemple.org',
		sources: 'Page du collectif https://www.exemple.org/jardin',
		lastVerified: '02/11/2026',
		confidence: 'moyenne'
	},
	'funding-tool': {
		name: `Prêt d’amorçage solidaire ${EXAMPLE_MARK}`,
		description: 'Un prêt sans intérêt pour lancer une activité de l’ESS.',
		providerIds: 'Nom du financeur tel qu’il figure dans Carto ESS',
		types: 'Prêt d’honneur',
		stages: 'Émergence ; Création',
		purposes: 'Investissement',
		'amount.min': '1 000',
		'amount.max': '10 000',
		territory: 'Eurométropole de Strasbourg',
		'eligibility.audiences': 'Association non fiscalisée',
		'eligibility.qpvOnly': 'non',
		thematiques: 'ESS et création d’entreprises',
		howToApply: 'Dossier à déposer auprès du financeur.',
		availability: 'Ouvert en continu',
		deadline: '',
		website: 'https://www.exemple.org/pret',
		sources: 'Règlement du dispositif https://www.exemple.org/reglement',
		lastVerified: '02/11/2026',
		confidence: 'moyenne'
	},
	place: {
		name: `Atelier partagé des Tilleuls ${EXAMPLE_MARK}`,
		description: 'Un atelier de bricolage partagé, ouvert aux habitants et aux associations.',
		placeTypes: 'Atelier partagé',
		services: 'outils | établis',
		audience: 'Habitants et associations du quartier',
		terms: 'Sur adhésion',
		openingHours: 'me 14:00-18:00; sa 10:00-12:00; fériés fermé',
		address: '3 rue des Tilleuls',
		communeCode: 'Strasbourg',
		quartierCode: 'Hautepierre',
		'contact.email': 'atelier@exemple.org',
		sources: 'Page de l’atelier https://www.exemple.org/atelier',
		lastVerified: '02/11/2026',
		confidence: 'moyenne'
	},
	event: {
		name: `Fête des Tilleuls ${EXAMPLE_MARK}`,
		description: 'Les associations du quartier présentent leurs activités sur des stands.',
		eventStatus: 'Annoncé',
		startDate: '13/06/2026',
		startTime: '14:00',
		endTime: '18:00',
		recurrence: 'Pas de répétition',
		organiserIds: 'atelier-des-tilleuls',
		address: 'Place des Tilleuls',
		communeCode: 'Strasbourg',
		quartierCode: 'Hautepierre',
		sources: 'Programme de la fête https://www.exemple.org/fete',
		lastVerified: '02/11/2026',
		confidence: 'moyenne'
	}
};

export function templateFields(kind: RecordKind): FieldSpec[] {
	const wanted = Object.keys(EXAMPLES[kind]);
	return wanted.map((path) => {
		const spec = FIELDS[kind].find((f) => f.path === path);
		if (!spec) throw new Error(`template: no field ${path} in ${kind}`);
		return spec;
	});
}

export function templateHeaders(kind: RecordKind): string[] {
	return templateFields(kind).map((f) => f.label);
}

export function templateExample(kind: RecordKind): string[] {
	return templateFields(kind).map((f) => EXAMPLES[kind][f.path] ?? '');
}

const FILE_NAMES: Record<RecordKind, string> = {
	organisation: 'modele-import-structures',
	initiative: 'modele-import-initiatives',
	'funding-tool': 'modele-import-outils-de-financement',
	place: 'modele-import-lieux',
	event: 'modele-import-evenements'
};

export function templateFileName(kind: RecordKind, format: 'csv' | 'xlsx'): string {
	return `${FILE_NAMES[kind]}.${format}`;
}

/** CSV for French spreadsheets (semicolons, BOM), header and example row. */
export function templateCsv(kind: RecordKind): string {
	return writeCsv(templateHeaders(kind), [templateExample(kind)], { excel: true });
}

/** What a column takes, in words: for the help sheet and the header notes. */
export function columnHelp(
	kind: RecordKind,
	spec: FieldSpec
): { required: string; expects: string; values?: string } {
	const auto = automaticDefaults(kind, 'AAAA-MM-JJ').find((d) => d.path === spec.path);
	const required = auto
		? `non : ${describeDefault(spec.path, auto.value).replace('(AAAA-MM-JJ)', '').trim()} si vide`
		: spec.type === 'sources'
			? 'oui, ou une source pour tout le fichier donnée à l’import'
			: spec.required || spec.type === 'boolean'
				? 'oui'
				: 'non';
	let expects: string;
	switch (spec.type) {
		case 'date':
			expects = 'une date, par exemple 04/12/2026 ou 2026-12-04 (jour d’abord)';
			break;
		case 'boolean':
			expects = 'oui ou non (x, vrai, faux aussi)';
			break;
		case 'int':
		case 'number':
			expects = spec.path.endsWith('Year')
				? 'une année, par exemple 2012'
				: 'un nombre, par exemple 1 500 ou 7,5';
			break;
		case 'enum':
			expects = 'une des valeurs ci-contre (le libellé ou le code)';
			break;
		case 'enum-list':
			expects = 'une ou plusieurs des valeurs ci-contre, séparées par « ; »';
			break;
		case 'ref':
			expects =
				spec.ref === 'commune'
					? 'le nom de la commune (Strasbourg, Schiltigheim…) ou son code INSEE'
					: spec.ref === 'quartier'
						? 'le nom du quartier de Strasbourg (Neudorf, Meinau, Hautepierre…) ou son code'
						: 'le nom ou l’identifiant de la fiche liée';
			break;
		case 'ref-list':
			expects =
				spec.ref === 'thematique'
					? 'une ou plusieurs thématiques du Conseil de l’ESS, séparées par « ; »'
					: 'les noms ou identifiants des fiches liées, séparés par « ; »';
			break;
		case 'text-list':
			expects = 'des textes séparés par « | »';
			break;
		case 'sources':
			expects =
				'l’adresse web de la publication où l’information a été lue, avec son titre devant si vous voulez ; plusieurs séparées par « | »';
			break;
		case 'url':
			expects = 'une adresse web (https://…)';
			break;
		default:
			expects = spec.hint ?? 'du texte';
	}
	const values = spec.taxonomy
		? termsOf(spec.taxonomy)
				.map((t) => t.label)
				.join(' ; ')
		: undefined;
	return { required, expects, values };
}

/** The Excel template: the sheet to fill in first (the import reads it), the help sheet second. */
export async function templateXlsx(kind: RecordKind): Promise<Uint8Array<ArrayBuffer>> {
	const fields = templateFields(kind);
	const workbook = new ExcelJS.Workbook();
	workbook.creator = 'Carto ESS';
	const sheet = workbook.addWorksheet('À remplir', { views: [{ state: 'frozen', ySplit: 1 }] });
	sheet.addRow(templateHeaders(kind));
	const example = sheet.addRow(templateExample(kind));
	example.font = { italic: true, color: { argb: 'FF666666' } };
	const header = sheet.getRow(1);
	header.font = { bold: true };
	fields.forEach((f, i) => {
		const help = columnHelp(kind, f);
		const cell = header.getCell(i + 1);
		cell.note = [
			`Obligatoire : ${help.required}`,
			help.expects,
			help.values ? `Valeurs : ${help.values}` : ''
		]
			.filter(Boolean)
			.join('\n');
		sheet.getColumn(i + 1).width = Math.min(45, Math.max(14, f.label.length + 4));
		// Text format keeps SIRET and phone numbers as typed (no rounding, no lost leading zero).
		if (f.path === 'siret' || f.type === 'tel') sheet.getColumn(i + 1).numFmt = '@';
	});
	const help = workbook.addWorksheet('Aide');
	help.addRow(['Colonne', 'Obligatoire', 'Ce qui est attendu', 'Valeurs possibles']).font = { bold: true };
	for (const f of fields) {
		const h = columnHelp(kind, f);
		help.addRow([f.label, h.required, h.expects, h.values ?? '']);
	}
	help.addRow([]);
	help.addRow([
		'La ligne d’exemple (en gris, marquée « ligne d’exemple ») est ignorée à l’import : remplacez-la ou laissez-la.'
	]);
	help.getColumn(1).width = 30;
	help.getColumn(2).width = 30;
	help.getColumn(3).width = 60;
	help.getColumn(4).width = 80;
	// A copy in a plain ArrayBuffer: what Response bodies and file writes take.
	return new Uint8Array(new Uint8Array(await workbook.xlsx.writeBuffer()));
}
