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
import type { SqlClient } from '../src/lib/server/db/sql';
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
import { importSummary, summary } from '../src/lib/server/sirene/summary';
import { closeStore, openServerStore } from '../src/lib/server/store';

export { importSummary, summary };

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

/**
 * Reads, selects and writes (or plans, with --dry-run). Throws SireneFileError or SireneImportError, with
 * nothing written, on a bad file or a stock older than the store's.
 */
export async function runImportSirene(
	args: ImportSireneArgs,
	sql: SqlClient,
	opts: { communeCodes?: readonly string[]; onProgress?: (p: SireneProgress) => void; now?: Date } = {}
): Promise<{ selection: SireneSelection; report: SireneImportReport; lines: string[] }> {
	const started = performance.now();
	const selection = await selectSireneEstablishments({
		etablissements: args.etablissements,
		unitesLegales: args.unitesLegales,
		essFrance: args.essFrance,
		stockDate: args.stockDate,
		communeCodes: opts.communeCodes ?? communes.map((c) => c.code),
		watch: await storedSirets(sql),
		onProgress: opts.onProgress,
		progressEvery: 1_000_000
	});
	const report = await importSireneSelection(sql, selection, {
		dryRun: args.dryRun,
		now: opts.now
	});
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
	const sql = await openServerStore();
	try {
		const { selection, lines } = await runImportSirene(args, sql, {
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
		await closeStore();
	}
}

if (process.argv[1] && import.meta.url.endsWith(basename(process.argv[1]))) await main();
