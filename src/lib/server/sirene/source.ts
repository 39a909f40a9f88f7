/**
 * Opens a stock file as a byte stream: a plain CSV, or the single CSV inside a zip as INSEE ships it,
 * inflated as it is read (never extracted to disk or memory).
 *
 * yauzl reads the zip's central directory, so a truncated archive (a download cut short) is refused before
 * a single row is read, and it checks each entry's declared size while inflating; it handles Zip64, which
 * the multi-GB national files need.
 */
import { createReadStream } from 'node:fs';
import { open as openFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { SireneFileError } from '$lib/io/sirene/errors';

export interface StockSource {
	/** How messages name the file: `StockEtablissement_utf8.zip (StockEtablissement_utf8.csv)`. */
	label: string;
	mtime: Date;
	/** Uncompressed size when known (plain file or zip entry), for progress. */
	size: number;
	stream: Readable;
	/** Releases the file if the caller stops before the end of the stream. */
	close: () => void;
}

const ZIP_MAGIC = 0x04034b50;

async function isZip(path: string): Promise<boolean> {
	const handle = await openFile(path, 'r');
	try {
		const head = Buffer.alloc(4);
		const { bytesRead } = await handle.read(head, 0, 4, 0);
		return bytesRead === 4 && head.readUInt32LE(0) === ZIP_MAGIC;
	} finally {
		await handle.close();
	}
}

function openZip(path: string): Promise<yauzl.ZipFile> {
	return new Promise((resolve, reject) =>
		yauzl.open(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true }, (err, zip) =>
			err ? reject(err) : resolve(zip)
		)
	);
}

function listEntries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
	return new Promise((resolve, reject) => {
		const entries: yauzl.Entry[] = [];
		zip.on('entry', (entry: yauzl.Entry) => {
			entries.push(entry);
			zip.readEntry();
		});
		zip.once('end', () => resolve(entries));
		zip.once('error', reject);
		zip.readEntry();
	});
}

function entryStream(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
	return new Promise((resolve, reject) =>
		zip.openReadStream(entry, (err, stream) => (err ? reject(err) : resolve(stream)))
	);
}

export async function openStockFile(path: string): Promise<StockSource> {
	const name = basename(path);
	let info;
	try {
		info = await stat(path);
	} catch {
		throw new SireneFileError(name, `fichier introuvable ou illisible (${path})`);
	}
	if (!info.isFile()) throw new SireneFileError(name, `ce n'est pas un fichier (${path})`);

	if (!(await isZip(path))) {
		const stream = createReadStream(path, { highWaterMark: 1 << 20 });
		return { label: name, mtime: info.mtime, size: info.size, stream, close: () => stream.destroy() };
	}

	let zip: yauzl.ZipFile;
	try {
		zip = await openZip(path);
	} catch (e) {
		throw new SireneFileError(
			name,
			`archive zip tronquée ou illisible (téléchargement incomplet ?) : ${(e as Error).message}`
		);
	}
	try {
		const entries = await listEntries(zip);
		const csvs = entries.filter((e) => !e.fileName.endsWith('/') && /\.csv$/i.test(e.fileName));
		if (csvs.length !== 1) {
			throw new SireneFileError(
				name,
				csvs.length === 0
					? 'l’archive ne contient aucun fichier .csv'
					: `l’archive contient ${csvs.length} fichiers .csv (${csvs.map((e) => e.fileName).join(', ')}) : un seul est attendu`
			);
		}
		const entry = csvs[0];
		const stream = await entryStream(zip, entry);
		// The entries are listed before the CSV is opened, so yauzl's autoClose would shut the file too early.
		let open = true;
		const closeZip = () => {
			if (open) zip.close();
			open = false;
		};
		stream.once('close', closeZip);
		return {
			label: `${name} (${entry.fileName})`,
			mtime: info.mtime,
			size: entry.uncompressedSize,
			stream,
			close: () => {
				stream.destroy();
				closeZip();
			}
		};
	} catch (e) {
		zip.close();
		if (e instanceof SireneFileError) throw e;
		throw new SireneFileError(name, `archive zip illisible : ${(e as Error).message}`);
	}
}
