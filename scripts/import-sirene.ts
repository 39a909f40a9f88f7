/**
 * npm run import:sirene -- --unites-legales <StockUniteLegale .csv|.zip> --etablissements <StockEtablissement
 *   .csv|.zip> [--ess-france <csv with a SIREN column>] [--stock-date AAAA-MM-JJ] (--dry-run | --out <file.json>)
 *
 * Reads INSEE's SIRENE stock files, streamed, and selects the active ESS establishments of the Eurométropole's
 * 33 communes, printing a progress line on long runs and the rows skipped by reason. Writing the selection
 * into the store (merge with curated records, history) is the next step and not done here yet: `--dry-run`
 * reads and reports, `--out` also writes the normalised selection as JSON (atomically) for inspection.
 * The stock's date defaults to the establishment file's modification date: INSEE's file names carry none.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import communes from '../data/communes.json';
import { SireneFileError } from '../src/lib/io/sirene/errors';
import { selectSireneEstablishments, type SireneProgress } from '../src/lib/io/sirene/read';

const USAGE =
	'Usage : npm run import:sirene -- --unites-legales <StockUniteLegale.zip> --etablissements <StockEtablissement.zip> [--ess-france <liste.csv>] [--stock-date AAAA-MM-JJ] (--dry-run | --out <selection.json>)';

const optionsSchema = z
	.object({
		'unites-legales': z.string({ error: 'fichier des unités légales manquant (--unites-legales)' }).min(1),
		etablissements: z.string({ error: 'fichier des établissements manquant (--etablissements)' }).min(1),
		'ess-france': z.string().min(1).optional(),
		'stock-date': z.iso
			.date({ error: 'date du stock invalide (--stock-date) : format AAAA-MM-JJ' })
			.optional(),
		'dry-run': z.boolean().optional(),
		out: z.string().min(1).optional()
	})
	.refine((o) => o['dry-run'] || o.out, {
		error:
			"l'écriture dans la base n'est pas encore disponible : relancez avec --dry-run (lecture et sélection seules) ou --out selection.json"
	});

function fail(message: string, code = 2): never {
	console.error(`import:sirene : ${message}`);
	process.exit(code);
}

let args;
try {
	args = parseArgs({
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
	fail(`${(e as Error).message}\n${USAGE}`);
}
const parsed = optionsSchema.safeParse(args);
if (!parsed.success) fail(`${parsed.error.issues[0].message}\n${USAGE}`);
const options = parsed.data;

const fr = new Intl.NumberFormat('fr-FR');
const FILE_LABEL = { etablissements: 'Établissements', unitesLegales: 'Unités légales' } as const;
const tty = process.stderr.isTTY;

function progressLine(p: SireneProgress): void {
	const percent = p.bytesTotal > 0 ? ` (${Math.floor((p.bytesRead / p.bytesTotal) * 100)} %)` : '';
	const line = `${FILE_LABEL[p.file]} : ${fr.format(p.rowsRead)} lignes lues${percent}, ${fr.format(p.rowsPerSecond)} lignes/s, ${fr.format(p.rowsKept)} retenues`;
	if (tty) process.stderr.write(`\r${line}\x1b[K${p.done ? '\n' : ''}`);
	else console.error(line);
}

try {
	const started = performance.now();
	const selection = await selectSireneEstablishments({
		etablissements: options.etablissements,
		unitesLegales: options['unites-legales'],
		essFrance: options['ess-france'],
		stockDate: options['stock-date'],
		communeCodes: communes.map((c) => c.code),
		onProgress: progressLine,
		progressEvery: 1_000_000
	});
	const { counts } = selection;
	const e = counts.etablissements;
	console.log(
		[
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
			`Coordonnées hors Eurométropole écartées (position au centre de la commune) : ${fr.format(counts.positionsDropped)}`,
			`Durée : ${((performance.now() - started) / 1000).toFixed(1)} s`
		].join('\n')
	);
	if (options.out) {
		const tmp = `${options.out}.tmp-${process.pid}`;
		writeFileSync(tmp, JSON.stringify(selection, null, '\t') + '\n');
		renameSync(tmp, options.out);
		console.log(`Sélection écrite dans ${options.out}`);
	}
	if (options['dry-run']) console.log('Essai à blanc : rien n’a été écrit dans la base.');
} catch (e) {
	if (e instanceof SireneFileError) fail(`${e.message}\nRien n'a été importé.`, 1);
	throw e;
}
