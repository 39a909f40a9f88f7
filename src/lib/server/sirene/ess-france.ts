/**
 * ESS France's list of ESS legal units: a CSV with a `SIREN` column (other columns ignored). Its SIRENs are
 * zero-padded to 9 digits, as the annuaire des entreprises does, since spreadsheets drop leading zeros.
 * The file is small (a few hundred thousand rows at most): csv-parse reads it all, streamed.
 */
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { parse } from 'csv-parse';
import { SireneFileError } from '$lib/io/sirene/errors';

export interface EssFranceList {
	label: string;
	/** SIRENs as numbers (all fit in a small integer), for cheap lookups. */
	sirens: Set<number>;
}

async function firstLine(path: string): Promise<string> {
	const stream = createReadStream(path, { end: 64 * 1024 - 1, encoding: 'utf8' });
	let text = '';
	for await (const chunk of stream) text += chunk;
	return text.split(/\r?\n/)[0].replace(/^\uFEFF/, '');
}

export async function readEssFranceList(path: string): Promise<EssFranceList> {
	const label = basename(path);
	let header: string;
	try {
		header = await firstLine(path);
	} catch {
		throw new SireneFileError(label, `fichier introuvable ou illisible (${path})`);
	}
	// Exported by hand from a spreadsheet as often as not: accept , ; or tab, whichever the header uses.
	const delimiter = [',', ';', '\t'].find((d) =>
		header.split(d).some((h) => h.trim().replace(/^"|"$/g, '').toUpperCase() === 'SIREN')
	);
	if (!delimiter) {
		throw new SireneFileError(label, 'aucune colonne « SIREN » dans l’en-tête', 1, 'SIREN');
	}
	const parser = createReadStream(path).pipe(
		parse({ delimiter, bom: true, relax_column_count: true, skip_empty_lines: true, info: true })
	);
	const sirens = new Set<number>();
	let column = -1;
	try {
		for await (const { record, info } of parser as AsyncIterable<{
			record: string[];
			info: { lines: number };
		}>) {
			if (column < 0) {
				column = record.findIndex((h) => h.trim().toUpperCase() === 'SIREN');
				continue;
			}
			const raw = (record[column] ?? '').replace(/\s/g, '');
			if (raw === '') continue;
			if (!/^\d{1,9}$/.test(raw)) {
				throw new SireneFileError(
					label,
					`SIREN invalide « ${raw} » (9 chiffres au plus)`,
					info.lines,
					'SIREN'
				);
			}
			sirens.add(Number(raw));
		}
	} catch (e) {
		if (e instanceof SireneFileError) throw e;
		const line = (e as { lines?: number }).lines;
		throw new SireneFileError(label, `fichier CSV illisible (${(e as Error).message})`, line);
	}
	return { label, sirens };
}
