/**
 * npm run import:sirene -- --unites-legales <StockUniteLegale .csv|.zip> --etablissements <StockEtablissement
 *   .csv|.zip> [--ess-france <csv with a SIREN column>] [--stock-date AAAA-MM-JJ] [--dry-run] [--out <file.json>]
 *
 * Reads INSEE's SIRENE stock files, streamed, selects the active ESS establishments of the Eurométropole's
 * 33 communes, and writes them into the store (DATABASE_PATH, as the server): new establishments become
 * published records, curated records with the same SIRET are enriched, records the register created follow
 * it or are archived when they leave it (src/lib/server/sirene/store.ts has the rules). All in one
 * transaction; a malformed or truncated file stops before anything is written. `--dry-run` reads, plans and
 * reports, writing nothing; `--out` also writes the normalised selection as JSON (atomically).
 * The stock's date defaults to the establishment file's modification date: INSEE's file names carry none.
 * Prints a progress line on long runs, a summary by reason, and last one JSON object with the counts.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs as parseNodeArgs } from 'node:util';
import { z } from 'zod';
import communes from '../data/communes.json';
import { SireneFileError } from '../src/lib/io/sirene/errors';
import type { Db } from '../src/lib/server/db/connection';
import {
	selectSireneEstablishments,
	type SireneProgress,
	type SireneSelection
} from '../src/lib/server/sirene/read';
import {
	SireneImportError,
	importSireneSelection,
	storedSirets,
	type SireneImportReport
} from '../src/lib/server/sirene/store';
import { initStore } from '../src/lib/server/store';

const USAGE =
	'Usage : npm run import:sirene -- --unites-legales <StockUniteLegale.zip> --etablissements <StockEtablissement.zip> [--ess-france <liste.csv>] [--stock-date AAAA-MM-JJ] [--dry-run] [--out <selection.json>]';

const optionsSchema = z.object({
	'unites-legales': z.string({ error: 'fichier des unités légales manquant (--unites-legales)' }).min(1),
	etablissements: z.string({ error: 'fichier des établissements manquant (--etablissements)' }).min(1),
	'ess-france': z.string().min(1).optional(),
	'stock-date': z.iso.date({ error: 'date du stock invalide (--stock-date) : format AAAA-MM-JJ' }).optional(),
	'dry-run': z.boolean().optional(),
	out: z.string().min(1).optional()
});

export interface ImportSireneArgs {
	unitesLegales: string;
	etablissements: string;
	essFrance?: string;
	stockDate?: string;
	dryRun: boolean;
	out?: string;
}

/** The command line, checked; throws an Error with a French message (the usage line appended). */
export function parseArgs(argv: string[]): ImportSireneArgs {
	let values;
	try {
		values = parseNodeArgs({
			args: argv,
			options: {
				'unites-legales': { type: 'string' },
				etablissements: { type: 'string' },
				'ess-france': { type: 'string' },
				'stock-date': { type: 'string' },
				'dry-run': { type: 'boolean' },
				out: { type: 'string' }
			},
			strict: true
		}).values;
	} catch (e) {
		throw new Error(`${(e as Error).message}\n${USAGE}`);
	}
	const parsed = optionsSchema.safeParse(values);
	if (!parsed.success) throw new Error(`${parsed.error.issues[0].message}\n${USAGE}`);
	const o = parsed.data;
	return {
		unitesLegales: o['unites-legales'],
		etablissements: o.etablissements,
		essFrance: o['ess-france'],
		stockDate: o['stock-date'],
		dryRun: o['dry-run'] ?? false,
		out: o.out
	};
}

const fr = new Intl.NumberFormat('fr-FR');
const FILE_LABEL = { etablissements: 'Établissements', unitesLegales: 'Unités légales' } as const;

export function progressText(p: SireneProgress): string {
	const percent = p.bytesTotal > 0 ? ` (${Math.floor((p.bytesRead / p.bytesTotal) * 100)} %)` : '';
	return `${FILE_LABEL[p.file]} : ${fr.format(p.rowsRead)} lignes lues${percent}, ${fr.format(p.rowsPerSecond)} lignes/s, ${fr.format(p.rowsKept)} retenues`;
}

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

/**
 * Reads, selects and writes (or plans, with --dry-run). Throws SireneFileError or SireneImportError, with
 * nothing written, on a bad file or a stock older than the store's.
 */
export async function runImportSirene(
	args: ImportSireneArgs,
	db: Db,
	opts: { communeCodes?: readonly string[]; onProgress?: (p: SireneProgress) => void; now?: Date } = {}
): Promise<{ selection: SireneSelection; report: SireneImportReport; lines: string[] }> {
	const started = performance.now();
	const selection = await selectSireneEstablishments({
		etablissements: args.etablissements,
		unitesLegales: args.unitesLegales,
		essFrance: args.essFrance,
		stockDate: args.stockDate,
		communeCodes: opts.communeCodes ?? communes.map((c) => c.code),
		watch: storedSirets(db),
		onProgress: opts.onProgress,
		progressEvery: 1_000_000
	});
	const report = importSireneSelection(db, selection, { dryRun: args.dryRun, now: opts.now });
	const seconds = (performance.now() - started) / 1000;
	return { selection, report, lines: [...summary(selection), ...importSummary(selection, report, seconds)] };
}

async function main(): Promise<void> {
	let args: ImportSireneArgs;
	try {
		args = parseArgs(process.argv.slice(2));
	} catch (e) {
		console.error(`import:sirene : ${(e as Error).message}`);
		process.exit(2);
	}
	const tty = process.stderr.isTTY;
	const db = initStore();
	try {
		const { selection, lines } = await runImportSirene(args, db, {
			onProgress: (p) => {
				if (tty) process.stderr.write(`\r${progressText(p)}\x1b[K${p.done ? '\n' : ''}`);
				else console.error(progressText(p));
			}
		});
		if (args.out) {
			const tmp = `${args.out}.tmp-${process.pid}`;
			writeFileSync(tmp, JSON.stringify(selection, null, '\t') + '\n');
			renameSync(tmp, args.out);
			console.log(`Sélection écrite dans ${args.out}`);
		}
		console.log(lines.join('\n'));
	} catch (e) {
		if (e instanceof SireneFileError || e instanceof SireneImportError) {
			console.error(`import:sirene : ${e.message}\nRien n'a été importé.`);
			process.exit(1);
		}
		throw e;
	} finally {
		db.close();
	}
}

if (process.argv[1] && import.meta.url.endsWith(basename(process.argv[1]))) await main();
