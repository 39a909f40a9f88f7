/**
 * QR codes drawn on the server as one SVG path, so a page shows them without JavaScript and a printed
 * flyer carries them as vectors (sharp at any size). The matrix comes from `qrcode` (Reed-Solomon, masks,
 * versions: not ours to rewrite); the path and the accessible label are ours, so the SVG is plain data the
 * QrCode component renders, with no markup string injected into the page.
 */
import QRCode from 'qrcode';
import type { QrSvg } from '$lib/domain/qr';

/** The light border every reader needs around the code, in modules (the standard asks for 4). */
const QUIET = 4;

/** Encodes `text` with medium error correction (survives a crease or a smudge on paper). */
export function qrSvg(text: string): QrSvg {
	const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
	const n = modules.size;
	let path = '';
	for (let y = 0; y < n; y++) {
		let x = 0;
		while (x < n) {
			if (!modules.get(y, x)) {
				x++;
				continue;
			}
			let run = 1;
			while (x + run < n && modules.get(y, x + run)) run++;
			path += `M${x + QUIET} ${y + QUIET}h${run}v1h${-run}z`;
			x += run;
		}
	}
	return { text, size: n + 2 * QUIET, path };
}
