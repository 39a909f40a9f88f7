/**
 * npm run import:esus -- <liste.xlsx> [--dry-run] [--date AAAA-MM-JJ] [--by <name>]
 *
 * The national list of ESUS approvals (Direction générale du Trésor, xlsx:
 * https://www.tresor.economie.gouv.fr/banque-assurance-finance/finance-sociale-et-solidaire/liste-nationale-agrements-esus)
 * onto the organisations of the store the server uses (DATABASE_URL, else DATABASE_PATH), matched by SIREN:
 * the ESUS kind added, its proof filled (the list, dated by the approval date when the list gives one, else by
 * --date: the list's own date, by default today). Never creates a record. The last line is one JSON object.
 */
import { z } from 'zod';
import { todayIso } from '../src/lib/domain/today';
import { runEsusImport } from '../src/lib/server/buyers-import';
import { readCliArgs } from './cli-args';
import { runWhenCalled } from './file-import-command';

const USAGE = 'usage : npm run import:esus -- <liste.xlsx> [--dry-run] [--date AAAA-MM-JJ] [--by <nom>]';

const argsSchema = z.object({
	file: z.string({ error: 'fichier à importer manquant' }).min(1, { error: 'fichier à importer manquant' }),
	dryRun: z.boolean(),
	date: z.iso.date({ error: '--date : date de la liste attendue au format AAAA-MM-JJ' }),
	by: z.string().max(200).optional()
});

export function parseArgs(argv: string[]): z.infer<typeof argsSchema> {
	const raw = readCliArgs(
		argv,
		{ values: { '--by': 'by', '--date': 'date' }, switches: { '--dry-run': ['dryRun', true] } },
		{ dryRun: false, date: todayIso() }
	);
	const parsed = argsSchema.safeParse(raw);
	if (!parsed.success) throw new Error(parsed.error.issues[0].message);
	return parsed.data;
}

runWhenCalled(import.meta.url, {
	name: 'import:esus',
	usage: USAGE,
	parseArgs,
	run: (sql, input, args, out) => runEsusImport(sql, { ...input, date: args.date }, out)
});
