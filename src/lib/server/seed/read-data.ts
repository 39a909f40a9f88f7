import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildCatalogue, type Catalogue } from '$lib/domain/catalogue';
import { checkDataset, type DataFile, type DataIssue, type DataKind } from '$lib/domain/dataset';

/**
 * Layout of data/: one file per geography kind, one folder of JSON arrays per record kind
 * (so maintainers can split records by theme without touching code).
 */
const LAYOUT: { kind: DataKind; path: string }[] = [
	{ kind: 'communes', path: 'communes.json' },
	{ kind: 'quartiers', path: 'quartiers.json' },
	{ kind: 'qpv', path: 'qpv.json' },
	{ kind: 'thematiques', path: 'thematiques.json' },
	{ kind: 'organisations', path: 'organisations' },
	{ kind: 'initiatives', path: 'initiatives' },
	{ kind: 'fundingTools', path: 'funding-tools' },
	{ kind: 'places', path: 'places' },
	{ kind: 'events', path: 'events' }
];

/** Reads and parses every data file; JSON syntax errors become issues, not exceptions. */
export function readDataFiles(
	dataDir: string,
	cwd = process.cwd()
): { files: DataFile[]; issues: DataIssue[] } {
	const files: DataFile[] = [];
	const issues: DataIssue[] = [];
	for (const { kind, path } of LAYOUT) {
		const full = join(dataDir, path);
		let paths: string[];
		try {
			paths = statSync(full).isDirectory()
				? readdirSync(full)
						.filter((f) => f.endsWith('.json'))
						.sort()
						.map((f) => join(full, f))
				: [full];
		} catch {
			issues.push({
				file: relative(cwd, full),
				record: '-',
				field: '-',
				message: 'fichier ou dossier manquant'
			});
			continue;
		}
		for (const p of paths) {
			const shown = relative(cwd, p);
			try {
				files.push({ path: shown, kind, content: JSON.parse(readFileSync(p, 'utf8')) });
			} catch (e) {
				issues.push({
					file: shown,
					record: '-',
					field: '-',
					message: `JSON illisible : ${(e as Error).message}`
				});
			}
		}
	}
	return { files, issues };
}

export function loadDataset(dataDir: string, now = new Date()) {
	const read = readDataFiles(dataDir);
	const checked = checkDataset(read.files, now);
	return { dataset: checked.dataset, issues: [...read.issues, ...checked.issues] };
}

/**
 * The seed's structures, initiatives and funding tools as a catalogue, over its geography: what the buyers',
 * the needs' and the delivery-place tests search, without a store.
 */
export function seedCatalogue(dataDir = 'data'): Catalogue {
	const { dataset } = loadDataset(dataDir);
	return buildCatalogue({
		version: 1,
		geo: {
			communes: dataset.communes,
			quartiers: dataset.quartiers,
			qpv: dataset.qpv,
			thematiques: dataset.thematiques
		},
		records: [...dataset.organisations, ...dataset.initiatives, ...dataset.fundingTools]
	});
}
