/**
 * A pair of SIRENE extracts uploaded in the workspace (/admin/import), imported with the rules of
 * `npm run import:sirene`: the same selection, the same merge (curated records enriched, possible duplicates
 * created as drafts for /admin/doublons), the same report. The uploads are written to a private temporary
 * folder under the names they were sent with (the reader's messages name the file), read as streams like the
 * national files, and removed afterwards, whatever happens.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { SireneFileError } from '$lib/io/sirene/errors';
import { listCommunes } from '../db/records';
import type { SqlClient } from '../db/sql';
import { selectSireneEstablishments } from './read';
import { importSireneSelection, SireneImportError, storedSirets, type SireneImportReport } from './store';
import { importSummary, summary } from './summary';

export interface UploadedFile {
	name: string;
	bytes: Uint8Array;
}

export interface SireneUploadInput {
	etablissements: UploadedFile | undefined;
	unitesLegales: UploadedFile | undefined;
	essFrance?: UploadedFile;
	stockDate: unknown;
	dryRun: boolean;
}

export type SireneUploadResult =
	{ ok: true; dryRun: boolean; lines: string[]; report: SireneImportReport } | { ok: false; message: string };

const EXTRACT = /\.(csv|zip)$/i;
const fileSchema = (label: string, ext: RegExp, kinds: string) =>
	z
		.object(
			{ name: z.string(), bytes: z.instanceof(Uint8Array) },
			{ error: `« ${label} » : choisissez un fichier` }
		)
		.refine((f) => f.bytes.length > 0, { error: `« ${label} » : le fichier est vide` })
		.refine((f) => ext.test(f.name), { error: `« ${label} » : fichier ${kinds} attendu` });

const inputSchema = z.object({
	etablissements: fileSchema('Établissements', EXTRACT, '.csv ou .zip'),
	unitesLegales: fileSchema('Unités légales', EXTRACT, '.csv ou .zip'),
	essFrance: fileSchema('Liste ESS France', /\.csv$/i, '.csv').optional(),
	stockDate: z.iso.date({ error: '« Date du stock » : date attendue (AAAA-MM-JJ)' }),
	dryRun: z.boolean()
});

/** A file name kept readable in messages, never a path. */
const safeName = (name: string, fallback: string) =>
	name
		.replace(/^.*[\\/]/, '')
		.replace(/[^\p{L}\p{N}._ -]/gu, '_')
		.slice(-120) || fallback;

export async function importSireneUpload(
	sql: SqlClient,
	input: SireneUploadInput,
	now = new Date()
): Promise<SireneUploadResult> {
	const parsed = inputSchema.safeParse(input);
	if (!parsed.success) return { ok: false, message: parsed.error.issues[0].message };
	const { etablissements, unitesLegales, essFrance, stockDate, dryRun } = parsed.data;
	const dir = await mkdtemp(join(tmpdir(), 'carto-ess-sirene-'));
	try {
		const place = async (f: UploadedFile, sub: string, fallback: string) => {
			// One folder per file: two uploads with the same name cannot overwrite each other.
			const path = join(dir, sub, safeName(f.name, fallback));
			await mkdir(join(dir, sub));
			await writeFile(path, f.bytes, { flag: 'wx' });
			return path;
		};
		const started = performance.now();
		const selection = await selectSireneEstablishments({
			etablissements: await place(etablissements, 'e', 'etablissements.csv'),
			unitesLegales: await place(unitesLegales, 'u', 'unites-legales.csv'),
			essFrance: essFrance ? await place(essFrance, 'f', 'ess-france.csv') : undefined,
			stockDate,
			communeCodes: (await listCommunes(sql)).map((c) => c.code),
			watch: await storedSirets(sql)
		});
		const report = await importSireneSelection(sql, selection, { dryRun, now });
		const seconds = (performance.now() - started) / 1000;
		return {
			ok: true,
			dryRun,
			report,
			lines: [...summary(selection), ...importSummary(selection, report, seconds)]
		};
	} catch (e) {
		if (e instanceof SireneFileError || e instanceof SireneImportError)
			return { ok: false, message: `${e.message} ; rien n’a été importé` };
		throw e;
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}
