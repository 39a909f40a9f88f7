/**
 * npm run import:finess -- <extraction.csv> [--dry-run] [--by <name>]
 *
 * The geolocated FINESS extraction of establishments (Ministère chargé de la santé, Licence Ouverte:
 * https://www.data.gouv.fr/fr/datasets/finess-extraction-du-fichier-des-etablissements/, the « géolocalisés »
 * resource) into the store the server uses (DATABASE_URL, else DATABASE_PATH): its ESAT (catégorie 246) matched by SIRET, existing
 * records enriched with the ESAT kind and its proof, new ones created as drafts only in the Eurométropole's
 * 33 communes, positions converted from Lambert-93. The last line is one JSON object.
 */
import { z } from 'zod';
import { runFinessImport } from '../src/lib/server/buyers-import';
import { readCliArgs } from './cli-args';
import { runWhenCalled } from './file-import-command';

const USAGE = 'usage : npm run import:finess -- <extraction.csv> [--dry-run] [--by <nom>]';

const argsSchema = z.object({
	file: z.string({ error: 'fichier à importer manquant' }).min(1, { error: 'fichier à importer manquant' }),
	dryRun: z.boolean(),
	by: z.string().max(200).optional()
});

export function parseArgs(argv: string[]): z.infer<typeof argsSchema> {
	const raw = readCliArgs(
		argv,
		{ values: { '--by': 'by' }, switches: { '--dry-run': ['dryRun', true] } },
		{ dryRun: false }
	);
	const parsed = argsSchema.safeParse(raw);
	if (!parsed.success) throw new Error(parsed.error.issues[0].message);
	return parsed.data;
}

runWhenCalled(import.meta.url, {
	name: 'import:finess',
	usage: USAGE,
	parseArgs,
	run: (sql, input, _args, out) => runFinessImport(sql, input, out)
});
