/**
 * The SIRENE import's report in French, the same for `npm run import:sirene` and the workspace's upload:
 * the selection by reason, then what the import did, and last one JSON object with every count.
 */
import type { SireneSelection } from './read';
import type { SireneImportReport } from './store';

const fr = new Intl.NumberFormat('fr-FR');

/** The report printed at the end, in French. */
export function summary(selection: SireneSelection): string[] {
	const { counts } = selection;
	const e = counts.etablissements;
	return [
		`Stock SIRENE du ${selection.stockDate}${selection.stockDateFrom === 'file' ? ' (date de modification du fichier ; --stock-date pour la préciser)' : ''}`,
		`Fichiers : ${selection.files.etablissements} ; ${selection.files.unitesLegales}${selection.files.essFrance ? ` ; liste ESS France ${selection.files.essFrance}` : ''}`,
		`Établissements lus : ${fr.format(e.read)}`,
		`  retenus (actifs, dans l'Eurométropole, ESS) : ${fr.format(e.kept)}`,
		`  fermés : ${fr.format(e.closed)}`,
		`  hors Eurométropole : ${fr.format(e.outside)}`,
		`  unité légale hors ESS : ${fr.format(e.notEss)}`,
		`  lignes en double (même SIRET) : ${fr.format(e.duplicate)}`,
		`  unité légale absente du fichier : ${fr.format(e.unitMissing)}`,
		`Unités légales lues : ${fr.format(counts.unitesLegales.read)}, utiles : ${fr.format(counts.unitesLegales.kept)}, en double : ${fr.format(counts.unitesLegales.duplicate)}`,
		counts.essFrance
			? `Liste ESS France : ${fr.format(counts.essFrance.sirens)} SIREN, ${fr.format(counts.essFrance.keptThroughList)} établissements retenus grâce à elle seule`
			: 'Liste ESS France : non fournie (seul l’indicateur ESS de l’INSEE compte)',
		`Coordonnées hors Eurométropole écartées (position au centre de la commune) : ${fr.format(counts.positionsDropped)}`
	];
}

/** The import's summary by reason, in French, then (last line) one JSON object with every count. */
export function importSummary(
	selection: SireneSelection,
	report: SireneImportReport,
	seconds: number
): string[] {
	const c = report.counts;
	const e = selection.counts.etablissements;
	const lines = [
		report.dryRun
			? 'Essai à blanc : voici ce que l’import écrirait (rien n’a été écrit dans la base).'
			: 'Import dans la base :',
		`  nouvelles fiches publiées : ${fr.format(c.new)}`,
		`  nouvelles fiches en brouillon (doublon possible d’une fiche éditoriale, à examiner dans Doublons) : ${fr.format(c.possibleDuplicates)}`,
		`  fiches éditoriales complétées (même SIRET) : ${fr.format(c.enriched)}`,
		`  fiches SIRENE mises à jour : ${fr.format(c.updated)}`,
		`  fiches SIRENE confirmées par ce stock (date de vérification seule) : ${fr.format(c.confirmed)}`,
		`  inchangées : ${fr.format(c.unchanged)}`,
		`  fiches SIRENE republiées (de retour dans la sélection) : ${fr.format(c.restored)}`,
		`  fiches SIRENE archivées (sorties de la sélection) : ${fr.format(c.archived)}`,
		`  établissements écartés (fiche invalide) : ${fr.format(c.rejected)}`
	];
	for (const d of report.duplicates.slice(0, 20))
		lines.push(
			`  doublon possible : ${d.id} « ${d.name} » ~ ${d.otherId} « ${d.otherName} » (${d.similarity} %, ${d.distanceM ?? '?'} m)`
		);
	for (const a of report.archivedRecords.slice(0, 20))
		lines.push(`  archivée : ${a.id} « ${a.name} » : ${a.reason}`);
	for (const r of report.rejectedRecords.slice(0, 20))
		lines.push(`  écarté : SIRET ${r.siret} : ${r.message}`);
	for (const k of report.curatedToCheck.slice(0, 20))
		lines.push(`  fiche éditoriale à vérifier (non archivée) : ${k.id} « ${k.name} » : ${k.reason}`);
	lines.push(`Durée : ${seconds.toFixed(1)} s`);
	lines.push(
		JSON.stringify({
			stockDate: report.stockDate,
			dryRun: report.dryRun,
			rowsRead: e.read,
			selected: e.kept,
			new: c.new,
			possibleDuplicates: c.possibleDuplicates,
			enriched: c.enriched,
			updated: c.updated,
			confirmed: c.confirmed,
			unchanged: c.unchanged,
			restored: c.restored,
			archived: c.archived,
			rejected: c.rejected,
			skipped: {
				closed: e.closed,
				outside: e.outside,
				notEss: e.notEss,
				duplicateLine: e.duplicate,
				unitMissing: e.unitMissing
			},
			seconds: Math.round(seconds * 10) / 10
		})
	);
	return lines;
}
