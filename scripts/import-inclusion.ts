/**
 * npm run import:inclusion -- <structures.csv> [--dry-run] [--by <name>]
 *
 * The data·inclusion « structures » open data (https://www.data.gouv.fr/fr/datasets/6233723c2c1e4a54af2f6b2d/,
 * CSV) into the store the server uses (DATABASE_URL, else DATABASE_PATH): matched by SIRET, existing records
 * enriched, new ones created only in the Eurométropole's 33 communes (as drafts), with history entries. The last line is one JSON object.
 */
import { runInclusionImport } from '../src/lib/server/buyers-import';
import { readCliArgs } from './cli-args';
import { runWhenCalled } from './file-import-command';

const USAGE = 'usage : npm run import:inclusion -- <structures.csv> [--dry-run] [--by <nom>]';

export function parseArgs(argv: string[]): { file: string; dryRun: boolean; by?: string } {
	const raw = readCliArgs(
		argv,
		{ values: { '--by': 'by' }, switches: { '--dry-run': ['dryRun', true] } },
		{ dryRun: false }
	);
	const file = raw.file as string | undefined;
	const dryRun = raw.dryRun as boolean;
	const by = raw.by as string | undefined;
	if (!file) throw new Error('fichier à importer manquant');
	return { file, dryRun, by };
}

runWhenCalled(import.meta.url, {
	name: 'import:inclusion',
	usage: USAGE,
	parseArgs,
	run: (sql, input, _args, out) => runInclusionImport(sql, input, out)
});
