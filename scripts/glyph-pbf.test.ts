import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeGlyphRange, encodeGlyphRange, type Glyph } from './glyph-pbf';

describe('glyph PBF', () => {
	it('round-trips glyphs, negative offsets and an empty bitmap', () => {
		const a: Glyph = {
			id: 65,
			bitmap: Uint8Array.from({ length: 9 * 10 }, (_, i) => i % 256),
			width: 3,
			height: 4,
			left: -1,
			top: -7,
			advance: 15
		};
		const space: Glyph = { id: 32, width: 0, height: 0, left: 0, top: -26, advance: 8 };
		const data = encodeGlyphRange('DejaVu Sans Book', '0-255', [space, a]);
		const [stack] = decodeGlyphRange(data);
		expect(stack.name).toBe('DejaVu Sans Book');
		expect(stack.range).toBe('0-255');
		expect(stack.glyphs[0]).toEqual(space);
		expect(stack.glyphs[1]).toEqual(a);
	});
	it('encodes a large varint (a 300-byte bitmap) correctly', () => {
		const g: Glyph = {
			id: 300,
			bitmap: new Uint8Array(20 * 15).fill(7),
			width: 14,
			height: 9,
			left: 0,
			top: 0,
			advance: 400
		};
		expect(decodeGlyphRange(encodeGlyphRange('x', '256-511', [g]))[0].glyphs[0]).toEqual(g);
	});
	const committed = 'static/glyphs/DejaVu Sans Bold/0-255.pbf';
	it.skipIf(!existsSync(committed))(
		'the committed glyphs hold the digits with bitmaps of the right size',
		() => {
			const [stack] = decodeGlyphRange(new Uint8Array(readFileSync(committed)));
			expect(stack.name).toBe('DejaVu Sans Bold');
			for (const digit of '0123456789') {
				const g = stack.glyphs.find((x) => x.id === digit.charCodeAt(0))!;
				expect(g.bitmap?.length).toBe((g.width + 6) * (g.height + 6));
				expect(g.advance).toBeGreaterThan(10);
			}
		}
	);
	it.skipIf(!existsSync('static/glyphs'))('every committed glyph file has its gzip copy, up to date', () => {
		for (const font of readdirSync('static/glyphs', { withFileTypes: true }).filter((d) => d.isDirectory())) {
			const dir = join('static/glyphs', font.name);
			for (const name of readdirSync(dir).filter((n) => n.endsWith('.pbf'))) {
				const gz = join(dir, `${name}.gz`);
				expect(existsSync(gz), gz).toBe(true);
				expect(gunzipSync(readFileSync(gz)).equals(readFileSync(join(dir, name))), gz).toBe(true);
			}
		}
	});
});
