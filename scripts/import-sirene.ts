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
import { basename } from 'node:path';
import { parseArgs as parseNodeArgs } from 'node:util';
import { z } from 'zod';
import communes from '../data/communes.json';
import { SireneFileError } from '../src/lib/io/sirene/errors';
import {
	selectSireneEstablishments,
	type SireneProgress,
	type SireneSelection
} from '../src/lib/server/sirene/read';

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

async function main(): Promise<void> {
	let args: ImportSireneArgs;
	try {
		args = parseArgs(process.argv.slice(2));
	} catch (e) {
		console.error(`import:sirene : ${(e as Error).message}`);
		process.exit(2);
	}
	const tty = process.stderr.isTTY;
	const started = performance.now();
	try {
		const selection = await selectSireneEstablishments({
			etablissements: args.etablissements,
			unitesLegales: args.unitesLegales,
			essFrance: args.essFrance,
			stockDate: args.stockDate,
			communeCodes: communes.map((c) => c.code),
			onProgress: (p) => {
				if (tty) process.stderr.write(`\r${progressText(p)}\x1b[K${p.done ? '\n' : ''}`);
				else console.error(progressText(p));
			},
			progressEvery: 1_000_000
		});
		console.log(summary(selection).join('\n'));
		console.log(`Durée : ${((performance.now() - started) / 1000).toFixed(1)} s`);
		if (args.out) {
			const tmp = `${args.out}.tmp-${process.pid}`;
			writeFileSync(tmp, JSON.stringify(selection, null, '\t') + '\n');
			renameSync(tmp, args.out);
			console.log(`Sélection écrite dans ${args.out}`);
		}
		if (args.dryRun) console.log('Essai à blanc : rien n’a été écrit dans la base.');
	} catch (e) {
		if (e instanceof SireneFileError) {
			console.error(`import:sirene : ${e.message}\nRien n'a été importé.`);
			process.exit(1);
		}
		throw e;
	}
}

if (process.argv[1] && import.meta.url.endsWith(basename(process.argv[1]))) await main();
