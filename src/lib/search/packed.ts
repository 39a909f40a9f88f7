/**
 * Moving a built index from a worker thread to the thread that answers requests without stopping it.
 *
 * A structured clone of an array of strings (250,000 names, 250,000 descriptions) is deserialized by the
 * receiving thread in one piece when the message is read, and no request is answered meanwhile. So the
 * strings travel packed: UTF-8 bytes in transferred buffers (moved, not copied), plus the length of each
 * string, and the receiver decodes them a chunk at a time, yielding to its event loop between slices of a
 * few milliseconds (`TimeSlices`). Pure: the server's read model, the benchmark and tests use it.
 */

/** Strings packed for a transfer: chunks of UTF-8 text, each holding `counts[c]` whole strings. */
export interface PackedStrings {
	packed: true;
	chunks: Uint8Array[];
	/** Strings per chunk. */
	counts: Int32Array;
	/** Length of each string in UTF-16 code units (what `String.prototype.slice` counts). */
	lengths: Int32Array;
}

/**
 * A list of strings as it travels: packed, or as it is when one of them is not well-formed Unicode (a lone
 * surrogate would not survive UTF-8; such a list is rare and is cloned as it is, so it comes back exact).
 */
export type StringTable = PackedStrings | string[];

/** Characters per chunk: about 1 MB, decoded in a millisecond or two. */
const CHUNK_CHARS = 1 << 20;

/** Packs `list` for `postMessage`; the buffers to transfer are pushed onto `transfer`. */
export function packStrings(list: readonly string[], transfer: ArrayBuffer[]): StringTable {
	const encoder = new TextEncoder();
	const chunks: Uint8Array[] = [];
	const counts: number[] = [];
	const lengths = new Int32Array(list.length);
	let start = 0;
	let chars = 0;
	const flush = (end: number) => {
		if (end === start) return;
		const bytes = encoder.encode(list.slice(start, end).join(''));
		chunks.push(bytes);
		transfer.push(bytes.buffer as ArrayBuffer);
		counts.push(end - start);
		start = end;
		chars = 0;
	};
	for (let i = 0; i < list.length; i++) {
		const s = list[i];
		if (!s.isWellFormed()) return [...list];
		lengths[i] = s.length;
		chars += s.length;
		if (chars >= CHUNK_CHARS) flush(i + 1);
	}
	flush(list.length);
	transfer.push(lengths.buffer);
	return { packed: true, chunks, counts: Int32Array.from(counts), lengths };
}

/**
 * Time slices: long work asks `due()` often (a cheap test); when the current slice has lasted its budget
 * it answers true and the work awaits `yield()`, the event loop's next turn, so requests get answered
 * between slices. Records the longest slice seen.
 */
export class TimeSlices {
	longestMs = 0;
	/** Slices closed so far. */
	count = 0;
	#since = performance.now();
	#calls = 0;
	readonly #budgetMs: number;
	readonly #turn: () => Promise<unknown>;

	/** `turn`: the event loop's next turn (`setImmediate` in Node: I/O callbacks run before it). */
	constructor(turn: () => Promise<unknown>, budgetMs = 8) {
		this.#turn = turn;
		this.#budgetMs = budgetMs;
	}

	/** Whether the slice's budget is spent (the clock is read once every 64 calls). */
	due(): boolean {
		if ((++this.#calls & 63) !== 0) return false;
		return performance.now() - this.#since >= this.#budgetMs;
	}

	/** Ends the current slice: resolves on the event loop's next turn. */
	async yield(): Promise<void> {
		this.end();
		await this.#turn();
		this.#since = performance.now();
	}

	/** Closes the current slice (so `longestMs` counts it). */
	end(): void {
		this.count++;
		this.longestMs = Math.max(this.longestMs, performance.now() - this.#since);
		this.#since = performance.now();
	}

	/** Runs `steps` to the end, yielding to the event loop wherever it pauses. */
	async run<T>(steps: Generator<void, T>): Promise<T> {
		for (;;) {
			const next = steps.next();
			if (next.done) return next.value;
			await this.yield();
		}
	}
}

/** Runs `steps` to the end at once, ignoring its pauses. */
export function runNow<T>(steps: Generator<void, T>): T {
	for (;;) {
		const next = steps.next();
		if (next.done) return next.value;
	}
}

/** Whether to pause now: never without slices. */
export type Due = () => boolean;

/** Unpacks a table, pausing (a generator step) whenever `due()` says so. */
export function* unpackStrings(table: StringTable, due: Due): Generator<void, string[]> {
	if (Array.isArray(table)) return table;
	const decoder = new TextDecoder();
	const out: string[] = new Array(table.lengths.length);
	let i = 0;
	for (let c = 0; c < table.chunks.length; c++) {
		const text = decoder.decode(table.chunks[c]);
		let at = 0;
		for (let k = 0; k < table.counts[c]; k++, i++) {
			const end = at + table.lengths[i];
			out[i] = text.slice(at, end);
			at = end;
			if (due()) yield;
		}
		if (due()) yield;
	}
	return out;
}

/**
 * Strings read one at a time, never all at once: the name, slug and subtitle of a hit, a description for
 * its snippet. A query shows twenty of them, so a table of 250,000 descriptions is kept as its UTF-8
 * bytes (about half the memory of the strings) and nothing is decoded when an index is installed.
 */
export interface Column {
	readonly length: number;
	at(i: number): string;
}

/** A column over strings already in memory. */
export class ArrayColumn implements Column {
	readonly #list: readonly string[];
	constructor(list: readonly string[]) {
		this.#list = list;
	}
	get length() {
		return this.#list.length;
	}
	at(i: number): string {
		return this.#list[i];
	}
}

/** A column as it travels: UTF-8 bytes and the byte offset of each string (n + 1), or the strings. */
export type ColumnData = { bytes: Uint8Array; offsets: Int32Array } | string[];

const utf8 = new TextDecoder();

/** A column over UTF-8 bytes: each string decoded when it is read. */
class BytesColumn implements Column {
	readonly #bytes: Uint8Array;
	readonly #offsets: Int32Array;
	constructor(bytes: Uint8Array, offsets: Int32Array) {
		this.#bytes = bytes;
		this.#offsets = offsets;
	}
	get length() {
		return this.#offsets.length - 1;
	}
	at(i: number): string {
		return utf8.decode(this.#bytes.subarray(this.#offsets[i], this.#offsets[i + 1]));
	}
}

/**
 * Packs strings for a transfer (`transfer` receives the buffers to move). Strings that are not all
 * well-formed Unicode are sent as they are (UTF-8 would replace a lone surrogate).
 */
export function packColumn(column: Column, transfer: ArrayBuffer[]): ColumnData {
	const encoder = new TextEncoder();
	const parts: Uint8Array[] = [];
	const offsets = new Int32Array(column.length + 1);
	for (let i = 0; i < column.length; i++) {
		const s = column.at(i);
		if (!s.isWellFormed()) return Array.from({ length: column.length }, (_, k) => column.at(k));
		const bytes = encoder.encode(s);
		parts.push(bytes);
		offsets[i + 1] = offsets[i] + bytes.length;
	}
	const bytes = new Uint8Array(offsets[column.length]);
	parts.forEach((p, i) => bytes.set(p, offsets[i]));
	transfer.push(bytes.buffer, offsets.buffer);
	return { bytes, offsets };
}

/** The column of data received from `packColumn` (nothing decoded yet). */
export function columnOf(data: ColumnData): Column {
	return Array.isArray(data) ? new ArrayColumn(data) : new BytesColumn(data.bytes, data.offsets);
}
