import { describe, expect, it } from 'vitest';
import { decodeText, detectDelimiter, parseCsv, writeCsv } from './csv';

const utf8 = (s: string) => new TextEncoder().encode(s);
/** Windows-1252 bytes of a Latin-1 string (é = 0xE9), as Excel writes them on French Windows. */
const cp1252 = (s: string) =>
	Uint8Array.from(
		[...s].map((c) => (c === '€' ? 0x80 : c === 'œ' ? 0x9c : c === '’' ? 0x92 : c.charCodeAt(0)))
	);

describe('decodeText', () => {
	it('reads UTF-8 with and without BOM', () => {
		expect(decodeText(utf8('nom\nCafé'))).toEqual({ text: 'nom\nCafé', encoding: 'utf-8', bom: false });
		expect(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8('nom\nCafé')]))).toEqual({
			text: 'nom\nCafé',
			encoding: 'utf-8',
			bom: true
		});
	});

	it('falls back to Windows-1252 when the bytes are not UTF-8', () => {
		const out = decodeText(cp1252('nom;prix\nÉpicerie du cœur l’Élan;5 €'));
		expect(out.encoding).toBe('windows-1252');
		expect(out.text).toBe('nom;prix\nÉpicerie du cœur l’Élan;5 €');
	});

	it('reads UTF-16 with a BOM', () => {
		const bytes = new Uint8Array([0xff, 0xfe, ...[...'a,b'].flatMap((c) => [c.charCodeAt(0), 0])]);
		expect(decodeText(bytes)).toMatchObject({ text: 'a,b', encoding: 'utf-16le' });
	});
});

describe('parseCsv', () => {
	it('detects comma and semicolon, ignoring separators inside quotes', () => {
		expect(detectDelimiter('a,b,c\n1,2,3')).toBe(',');
		expect(detectDelimiter('nom;adresse\n"a, b";c')).toBe(';');
		expect(detectDelimiter('"x;y;z",b\n')).toBe(',');
	});

	it('reads quoted cells with separators and line breaks, and numbers lines as in the file', () => {
		const out = parseCsv('nom;description\n"A; B";"ligne 1\nligne 2"\n\nC;D\n');
		expect(out.ok).toBe(true);
		if (!out.ok) return;
		expect(out.delimiter).toBe(';');
		expect(out.table.headers).toEqual(['nom', 'description']);
		expect(out.table.rows).toEqual([
			{ line: 2, cells: ['A; B', 'ligne 1\nligne 2'] },
			{ line: 5, cells: ['C', 'D'] }
		]);
	});

	it('pads short rows and marks rows with too many cells', () => {
		const out = parseCsv('a,b,c\n1\n1,2,3,4\r\n');
		if (!out.ok) throw new Error(out.message);
		expect(out.table.rows[0]).toEqual({ line: 2, cells: ['1', '', ''] });
		expect(out.table.rows[1].error).toMatch(/4 cellules pour 3 colonnes/);
	});

	it('explains empty files, single columns and duplicate headers', () => {
		expect(parseCsv('')).toMatchObject({ ok: false, message: 'le fichier est vide' });
		expect(parseCsv('\n\n')).toMatchObject({ ok: false });
		expect(parseCsv('nom\nA')).toMatchObject({
			ok: false,
			message: expect.stringMatching(/une seule colonne/)
		});
		expect(parseCsv('nom,nom\nA,B')).toMatchObject({
			ok: false,
			message: expect.stringMatching(/deux fois/)
		});
		expect(parseCsv('nom,,x\nA,B,C')).toMatchObject({
			ok: false,
			message: expect.stringMatching(/pas de nom/)
		});
	});

	it('marks a row with a broken quote instead of failing the file', () => {
		const out = parseCsv('a,b\n1,2\n"3,4\n');
		if (!out.ok) throw new Error(out.message);
		expect(out.table.rows.some((r) => r.error?.includes('guillemets'))).toBe(true);
	});
});

describe('writeCsv', () => {
	it('round-trips cells with quotes, separators and line breaks, and defuses formulas', () => {
		const rows = [
			['a "b"', 'x,y', 'l1\nl2'],
			['=1+1', '-3', "'@x"]
		];
		const text = writeCsv(['h1', 'h2', 'h3'], rows);
		expect(text).toContain(`\r\n'=1+1,'-3,''@x\r\n`);
		const back = parseCsv(text);
		if (!back.ok) throw new Error(back.message);
		expect(back.table.rows.map((r) => r.cells)).toEqual(rows);
	});

	it('writes Excel-friendly files with a BOM and semicolons', () => {
		const text = writeCsv(['nom', 'ville'], [['Café', 'Strasbourg']], { excel: true });
		expect(text.startsWith('\ufeffnom;ville\r\n')).toBe(true);
		const back = parseCsv(decodeText(utf8(text)).text);
		expect(back.ok && back.table.rows[0].cells).toEqual(['Café', 'Strasbourg']);
	});
});
