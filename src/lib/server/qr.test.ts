import { describe, expect, it } from 'vitest';
import QRCode from 'qrcode';
import { qrSvg } from './qr';

describe('qrSvg', () => {
	it('draws every dark module of the matrix once, inside a 4-module quiet zone', () => {
		const text = 'http://127.0.0.1:3000/quartiers/meinau';
		const qr = qrSvg(text);
		const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
		expect(qr.size).toBe(modules.size + 8);
		expect(qr.text).toBe(text);
		const dark = new Set<string>();
		for (const [, x, y, run] of qr.path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g))
			for (let k = 0; k < Number(run); k++) dark.add(`${Number(x) + k - 4},${Number(y) - 4}`);
		let expected = 0;
		for (let y = 0; y < modules.size; y++)
			for (let x = 0; x < modules.size; x++)
				if (modules.get(y, x)) {
					expected++;
					expect(dark.has(`${x},${y}`)).toBe(true);
				}
		expect(dark.size).toBe(expected);
	});

	it('grows with the text', () => {
		expect(qrSvg('x'.repeat(200)).size).toBeGreaterThan(qrSvg('x').size);
	});
});
