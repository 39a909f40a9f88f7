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
