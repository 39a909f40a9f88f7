/** A QR code as pages carry it (drawn by src/lib/server/qr.ts, rendered by QrCode.svelte). */
export interface QrSvg {
	/** The encoded text (an absolute URL): said in the label and printed under the code. */
	text: string;
	/** Modules per side, quiet zone included. */
	size: number;
	/** Dark modules in module units, one `M x y h… v1 h… z` rectangle per run along a row. */
	path: string;
}
