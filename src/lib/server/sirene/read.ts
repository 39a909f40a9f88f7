/**
 * The SIRENE reading and selection pipeline: streams StockEtablissement then StockUniteLegale (plain CSV or
 * INSEE's zip) and returns the ESS establishments of the given communes, normalised, with every skipped row
 * counted by reason.
 *
 * Order, chosen for memory: the establishment file is read first, keeping only active establishments of the
 * communes (about 1 % of the national rows); then the legal-unit file is streamed keeping only the SIRENs
 * those establishments need. Reading the units first would have to keep every ESS unit of France (over a
 * million) or read the file twice.
 *
 * Each file goes bytes -> RecordScanner (boundaries, field counts, quoting, the selection columns) ->
 * csv-parse for the rows kept -> zod for their fields. A file that cannot be read stops everything with a
 * SireneFileError naming the file, line and column, in French; results are only returned once both files
 * have been read to the end, so nothing is produced from a broken file.
 */
import { parse } from 'csv-parse/sync';
import { CsvError } from 'csv-parse';
import type { z } from 'zod';
import {
	ETABLISSEMENT_OPTIONAL,
	ETABLISSEMENT_REQUIRED,
	UNITE_LEGALE_OPTIONAL,
	UNITE_LEGALE_REQUIRED,
	indexColumns,
	pickFields
} from '$lib/io/sirene/columns';
import { SireneFileError } from '$lib/io/sirene/errors';
import { readEssFranceList } from './ess-france';
import { toSireneEstablishment } from '$lib/io/sirene/mapping';
import { RecordScanner, ScanError, fieldDigits, fieldIsChar, type Classifier } from '$lib/io/sirene/scanner';
import { openStockFile } from './source';
import {
	etablissementFieldsSchema,
	uniteLegaleFieldsSchema,
	type EtablissementRow,
	type SireneEstablishment,
	type UniteLegaleRow
} from '$lib/io/sirene/types';

export type SireneFileKind = 'etablissements' | 'unitesLegales';

export interface SireneProgress {
	file: SireneFileKind;
	rowsRead: number;
	rowsKept: number;
	rowsPerSecond: number;
	elapsedMs: number;
	/** Bytes of CSV read so far and in all (uncompressed), for a percentage. */
	bytesRead: number;
	bytesTotal: number;
	done: boolean;
}

export interface SireneSelectionOptions {
	etablissements: string;
	unitesLegales: string;
	/** CSV with a SIREN column (ESS France's list); its units count as ESS whatever INSEE's flag says. */
	essFrance?: string;
	/** Communes to keep, by INSEE code (the Eurométropole's 33). */
	communeCodes: readonly string[];
	/** Date of the stock (AAAA-MM-JJ); defaults to the establishment file's modification date. */
	stockDate?: string;
	onProgress?: (progress: SireneProgress) => void;
	/** Rows between two progress calls; default 500,000. */
	progressEvery?: number;
	/**
	 * SIRETs the caller already holds (the store's records): for those the selection does not keep, the
	 * result says why (`watched`), so a record can be archived with its reason rather than "absent".
	 */
	watch?: ReadonlySet<string>;
}

/** Why a watched SIRET is not in the selection. Absent from `watched`: not in the file at all. */
export type WatchedReason = 'closed' | 'notEss' | 'unitMissing';

export interface SireneCounts {
	etablissements: {
		read: number;
		kept: number;
		closed: number;
		outside: number;
		duplicate: number;
		notEss: number;
		/** Active establishments of the communes whose SIREN is not in the legal-unit file. */
		unitMissing: number;
	};
	unitesLegales: { read: number; kept: number; duplicate: number };
	essFrance: { sirens: number; keptThroughList: number } | null;
	/** Kept establishments whose register coordinates fell outside the Eurométropole: placed at the commune. */
	positionsDropped: number;
}

export interface SireneSelection {
	stockDate: string;
	stockDateFrom: 'option' | 'file';
	files: { etablissements: string; unitesLegales: string; essFrance: string | null };
	counts: SireneCounts;
	/** Sorted by SIRET. */
	establishments: SireneEstablishment[];
	/** Watched SIRETs (options.watch) found in the files but not kept, with the reason. */
	watched: Map<string, WatchedReason>;
}

const BATCH_RECORDS = 2000;

interface ScanResult {
	label: string;
	mtime: Date;
	rows: number;
	skipped: number[];
}

/**
 * Streams one stock file: the scanner's classifier decides which rows are kept; kept rows are decoded by
 * csv-parse in batches, checked with `schema` and handed to `onRow`.
 */
async function scanStockFile<F extends string, S extends z.ZodType>(options: {
	path: string;
	kind: SireneFileKind;
	required: readonly F[];
	optional: readonly F[];
	classifier: (index: Map<F, number>) => Classifier;
	schema: S;
	onRow: (row: z.infer<S>, line: number, label: string) => void;
	onProgress?: (p: SireneProgress) => void;
	progressEvery: number;
}): Promise<ScanResult> {
	const source = await openStockFile(options.path);
	const { label } = source;
	const names = [...options.required, ...options.optional];
	let index = new Map<F, number>();
	let batch: Buffer[] = [];
	let lines: number[] = [];
	let batchBytes = 0;
	let kept = 0;

	const flush = () => {
		if (batch.length === 0) return;
		const input = Buffer.allocUnsafe(batchBytes);
		let at = 0;
		for (const b of batch) {
			b.copy(input, at);
			at += b.length;
			input[at++] = 0x0a;
		}
		let rows: string[][];
		try {
			rows = parse(input, { delimiter: ',', quote: '"', escape: '"', record_delimiter: '\n', bom: false });
		} catch (e) {
			if (e instanceof CsvError) {
				// csv-parse counts the records it completed before the error: the bad one is the next.
				const done = Number((e as unknown as { records?: number }).records ?? 0);
				const line = lines[Math.min(done, lines.length - 1)];
				throw new SireneFileError(label, `ligne illisible (${e.message})`, line);
			}
			throw e;
		}
		for (let r = 0; r < rows.length; r++) {
			const fields = pickFields(rows[r], index, names);
			const checked = options.schema.safeParse(fields);
			if (!checked.success) {
				const issue = checked.error.issues[0];
				const column = String(issue.path[0] ?? '');
				const value = fields[column as F];
				throw new SireneFileError(
					label,
					`${issue.message} (valeur « ${value ?? ''} »)`,
					lines[r],
					column || undefined
				);
			}
			options.onRow(checked.data, lines[r], label);
		}
		kept += rows.length;
		batch = [];
		lines = [];
		batchBytes = 0;
	};

	const scanner = new RecordScanner({
		onHeader: (header) => {
			const found = indexColumns(header, options.required, options.optional);
			if (found.missing.length > 0) {
				const others = found.missing.slice(1);
				throw new ScanError(
					1,
					found.missing[0],
					`colonne obligatoire absente de l'en-tête${others.length > 0 ? ` (manquent aussi : ${others.join(', ')})` : ''} : est-ce bien le fichier ${options.kind === 'etablissements' ? 'StockEtablissement' : 'StockUniteLegale'} ?`
				);
			}
			index = found.index;
			return options.classifier(index);
		},
		onRecord: (bytes, line) => {
			batch.push(bytes);
			lines.push(line);
			batchBytes += bytes.length + 1;
		}
	});

	const started = performance.now();
	let bytesRead = 0;
	let nextReport = options.progressEvery;
	const report = (done: boolean) => {
		const elapsedMs = performance.now() - started;
		options.onProgress?.({
			file: options.kind,
			rowsRead: scanner.rows,
			rowsKept: kept + batch.length,
			rowsPerSecond: elapsedMs > 0 ? Math.round((scanner.rows / elapsedMs) * 1000) : 0,
			elapsedMs: Math.round(elapsedMs),
			bytesRead,
			bytesTotal: source.size,
			done
		});
	};

	try {
		for await (const chunk of source.stream) {
			bytesRead += (chunk as Buffer).length;
			scanner.push(chunk as Buffer);
			if (batch.length >= BATCH_RECORDS) flush();
			if (scanner.rows >= nextReport) {
				report(false);
				nextReport = scanner.rows + options.progressEvery;
			}
		}
		scanner.end();
		flush();
	} catch (e) {
		source.close();
		if (e instanceof SireneFileError) throw e;
		if (e instanceof ScanError) throw new SireneFileError(label, e.detail, e.line, e.column);
		// Stream errors: a corrupt deflate stream, an entry shorter than its declared size...
		throw new SireneFileError(
			label,
			`lecture interrompue après ${scanner.rows} lignes : fichier corrompu ou tronqué (${(e as Error).message})`
		);
	}
	report(true);
	return { label, mtime: source.mtime, rows: scanner.rows, skipped: scanner.skipped };
}

const ETAB_CLOSED = 1;
const ETAB_OUTSIDE = 2;
const UNIT_NOT_NEEDED = 1;

function localDate(d: Date): string {
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export async function selectSireneEstablishments(options: SireneSelectionOptions): Promise<SireneSelection> {
	if (options.stockDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.stockDate)) {
		throw new Error(`date du stock invalide : « ${options.stockDate} » (format attendu AAAA-MM-JJ)`);
	}
	const communes = new Set<number>();
	for (const code of options.communeCodes) {
		if (!/^\d{5}$/.test(code)) throw new Error(`code commune INSEE invalide : « ${code} »`);
		communes.add(Number(code));
	}
	const progressEvery = options.progressEvery ?? 500_000;

	const essFrance = options.essFrance ? await readEssFranceList(options.essFrance) : null;

	// 1. Establishments: active ones of the communes, one per SIRET.
	const candidates = new Map<string, { row: EtablissementRow; line: number }>();
	const needed = new Set<number>();
	let etabDuplicates = 0;
	// A SIRET never changes commune (a move is a new SIRET), so only closed rows of the communes are looked up.
	const watch = new Set([...(options.watch ?? [])].map(Number));
	const closedWatched = new Set<number>();
	const etab = await scanStockFile({
		path: options.etablissements,
		kind: 'etablissements',
		required: ETABLISSEMENT_REQUIRED,
		optional: ETABLISSEMENT_OPTIONAL,
		classifier: (index) => {
			const commune = index.get('codeCommuneEtablissement')!;
			const state = index.get('etatAdministratifEtablissement')!;
			const siret = index.get('siret')!;
			return (buf, starts) => {
				if (!fieldIsChar(buf, starts, state, 'A')) {
					if (watch.size > 0 && communes.has(fieldDigits(buf, starts, commune))) {
						const n = fieldDigits(buf, starts, siret);
						if (watch.has(n)) closedWatched.add(n);
					}
					return ETAB_CLOSED;
				}
				return communes.has(fieldDigits(buf, starts, commune)) ? 0 : ETAB_OUTSIDE;
			};
		},
		schema: etablissementFieldsSchema,
		onRow: (row, line) => {
			if (candidates.has(row.siret)) {
				etabDuplicates++;
				return;
			}
			candidates.set(row.siret, { row, line });
			needed.add(Number(row.siren));
		},
		onProgress: options.onProgress,
		progressEvery
	});

	// 2. Legal units: only those the kept establishments need.
	const units = new Map<string, { row: UniteLegaleRow; line: number }>();
	let unitDuplicates = 0;
	const unit = await scanStockFile({
		path: options.unitesLegales,
		kind: 'unitesLegales',
		required: UNITE_LEGALE_REQUIRED,
		optional: UNITE_LEGALE_OPTIONAL,
		classifier: (index) => {
			const siren = index.get('siren')!;
			return (buf, starts) => (needed.has(fieldDigits(buf, starts, siren)) ? 0 : UNIT_NOT_NEEDED);
		},
		schema: uniteLegaleFieldsSchema,
		onRow: (row, line) => {
			if (units.has(row.siren)) unitDuplicates++;
			else units.set(row.siren, { row, line });
		},
		onProgress: options.onProgress,
		progressEvery
	});

	// 3. Join, ESS test, mapping.
	const stockDate = options.stockDate ?? localDate(etab.mtime);
	const establishments: SireneEstablishment[] = [];
	let notEss = 0;
	let unitMissing = 0;
	let positionsDropped = 0;
	let keptThroughList = 0;
	const watched = new Map<string, WatchedReason>();
	const pad = (n: number) => String(n).padStart(14, '0');
	for (const n of closedWatched) watched.set(pad(n), 'closed');
	for (const { row, line } of candidates.values()) {
		const u = units.get(row.siren);
		if (!u) {
			unitMissing++;
			if (watch.has(Number(row.siret))) watched.set(row.siret, 'unitMissing');
			continue;
		}
		const inseeFlag = u.row.economieSocialeSolidaireUniteLegale === 'O';
		const listed = essFrance?.sirens.has(Number(row.siren)) ?? false;
		if (!inseeFlag && !listed) {
			notEss++;
			if (watch.has(Number(row.siret))) watched.set(row.siret, 'notEss');
			continue;
		}
		if (!inseeFlag) keptThroughList++;
		const mapped = toSireneEstablishment(row, u.row, {
			stockDate,
			essFranceList: listed,
			etablissementsLine: line,
			unitesLegalesLine: u.line
		});
		if (mapped.positionDropped) positionsDropped++;
		establishments.push(mapped.record);
	}
	establishments.sort((a, b) => (a.siret < b.siret ? -1 : a.siret > b.siret ? 1 : 0));

	return {
		stockDate,
		stockDateFrom: options.stockDate ? 'option' : 'file',
		files: { etablissements: etab.label, unitesLegales: unit.label, essFrance: essFrance?.label ?? null },
		counts: {
			etablissements: {
				read: etab.rows,
				kept: establishments.length,
				closed: etab.skipped[ETAB_CLOSED] ?? 0,
				outside: etab.skipped[ETAB_OUTSIDE] ?? 0,
				duplicate: etabDuplicates,
				notEss,
				unitMissing
			},
			unitesLegales: { read: unit.rows, kept: units.size, duplicate: unitDuplicates },
			essFrance: essFrance ? { sirens: essFrance.sirens.size, keptThroughList } : null,
			positionsDropped
		},
		establishments,
		watched
	};
}
