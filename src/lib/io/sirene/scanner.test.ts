import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { RecordScanner, ScanError, fieldDigits, fieldIsChar, type Classifier } from './scanner';

const keepAll: Classifier = () => 0;

/** Feeds `text` in pieces cut at `cuts` (byte offsets); returns kept records with their lines. */
function scan(text: string, classifier: Classifier = keepAll, cuts: number[] = []) {
	const bytes = Buffer.from(text, 'utf8');
	const kept: { text: string; line: number }[] = [];
	const scanner = new RecordScanner({
		onHeader: () => classifier,
		onRecord: (b, line) => kept.push({ text: b.toString('utf8'), line })
	});
	let at = 0;
	for (const cut of [...cuts].sort((a, b) => a - b)) {
		if (cut > at && cut < bytes.length) {
			scanner.push(bytes.subarray(at, cut));
			at = cut;
		}
	}
	scanner.push(bytes.subarray(at));
	scanner.end();
	return { scanner, kept };
}

function scanError(text: string, cuts: number[] = []): ScanError {
	try {
		scan(text, keepAll, cuts);
	} catch (e) {
		if (e instanceof ScanError) return e;
		throw e;
	}
	throw new Error('no error');
}

describe('RecordScanner', () => {
	it('reads the header and keeps records with their line numbers', () => {
		const { scanner, kept } = scan('a,b,c\n1,2,3\n4,"x, y",6\n');
		expect(scanner.header).toEqual(['a', 'b', 'c']);
		expect(scanner.rows).toBe(2);
		expect(kept).toEqual([
			{ text: '1,2,3', line: 2 },
			{ text: '4,"x, y",6', line: 3 }
		]);
	});

	it('counts newlines inside quotes for the lines of the following records', () => {
		const { kept } = scan('a,b\n"multi\nline",1\n2,3\n');
		expect(kept.map((k) => k.line)).toEqual([2, 4]);
	});

	it('accepts CRLF, a BOM, a missing final newline and blank lines', () => {
		const { scanner, kept } = scan('\uFEFFa,b\r\n1,2\r\n\r\n3,4');
		expect(scanner.header).toEqual(['a', 'b']);
		expect(kept.map((k) => k.text)).toEqual(['1,2', '3,4']);
	});

	it('gives the classifier the bytes of each field, quotes stripped', () => {
		const seen: [boolean, number][] = [];
		const classifier: Classifier = (buf, starts) => {
			seen.push([fieldIsChar(buf, starts, 1, 'A'), fieldDigits(buf, starts, 2)]);
			return fieldIsChar(buf, starts, 1, 'A') ? 0 : 7;
		};
		const { scanner, kept } = scan('n,etat,code\n"x,y",A,67482\nz,"F",67043\nw,A,[ND]\n', classifier);
		expect(seen).toEqual([
			[true, 67482],
			[false, 67043],
			[true, -1]
		]);
		expect(kept).toHaveLength(2);
		expect(scanner.skipped[7]).toBe(1);
	});

	it('refuses a record with too few values, naming the last column it reached', () => {
		const e = scanError('a,b,c\n1,2,3\n4,5\n');
		expect(e.line).toBe(3);
		expect(e.column).toBe('b');
		expect(e.detail).toContain('2 valeurs au lieu de 3');
	});

	it('refuses a record with too many values', () => {
		const e = scanError('a,b\n1,2,3\n');
		expect(e.line).toBe(2);
		expect(e.column).toBe('b');
		expect(e.detail).toContain('valeur en trop');
	});

	it('refuses an unterminated quote, even split across chunks', () => {
		const text = 'a,b\n1,2\n3,"never closed\n4,5\n';
		for (const cuts of [[], [10], [12, 13, 20]]) {
			const e = scanError(text, cuts);
			expect(e.line).toBe(3);
			expect(e.column).toBe('b');
			expect(e.detail).toContain('jamais fermé');
		}
	});

	it('refuses a quote in the middle of a value and text after a closing quote', () => {
		expect(scanError('a,b\n1,ab"c\n').detail).toContain('milieu');
		const after = scanError('a,b\n1,"ab"c\n');
		expect(after.column).toBe('b');
		expect(after.detail).toContain('après le guillemet fermant');
	});

	it('recognises a semicolon or tab file from its header', () => {
		expect(scanError('siren;nic;siret\n1;2;3\n').detail).toContain('« ; »');
		expect(scanError('siren\tnic\n1\t2\n').detail).toContain('tabulation');
	});

	it('refuses a record longer than the limit instead of buffering the rest of the file', () => {
		const scanner = new RecordScanner({ onHeader: () => keepAll, onRecord: () => {}, maxRecordBytes: 1000 });
		scanner.push(Buffer.from('a,b\n1,2\n3,"open\n'));
		let error: unknown;
		try {
			for (let i = 0; i < 100; i++) scanner.push(Buffer.from('4,5\n'.repeat(10)));
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(ScanError);
		expect((error as ScanError).line).toBe(3);
		expect((error as ScanError).detail).toContain('jamais fermé');
	});

	it('refuses an empty file', () => {
		expect(scanError('').detail).toContain('vide');
	});

	// Values with commas, quotes, CR/LF and non-ASCII, cut into chunks anywhere (inside a UTF-8 character or
	// between the two quotes of an escaped quote): the scanner keeps exactly the records csv-parse reads.
	it('agrees with csv-parse on any well-formed file, however it is chunked', () => {
		const value = fc.stringMatching(/^[a-zé€ ,"\n\r0-9]{0,8}$/);
		fc.assert(
			fc.property(
				fc
					.integer({ min: 1, max: 5 })
					.chain((width) =>
						fc.tuple(
							fc.array(fc.array(value, { minLength: width, maxLength: width }), { maxLength: 8 }),
							fc.constant(width),
							fc.array(fc.nat({ max: 400 }), { maxLength: 6 }),
							fc.boolean()
						)
					),
				([rows, width, cuts, crlf]) => {
					const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
					const header = Array.from({ length: width }, (_, i) => `c${i}`);
					// A one-column row of one empty value is a blank line, which both sides drop.
					const data = rows.filter((r) => !(width === 1 && r[0] === ''));
					const eol = crlf ? '\r\n' : '\n';
					const text = [header, ...data].map((r) => r.map(quote).join(',')).join(eol) + eol;
					const { kept } = scan(text, keepAll, cuts);
					const reparsed = kept.map((k) => parse(k.text, { relax_column_count: false })[0] ?? ['']);
					expect(reparsed).toEqual(data);
					expect(parse(text, { skip_empty_lines: true }).slice(1)).toEqual(data);
				}
			),
			{ numRuns: 300 }
		);
	});
});
