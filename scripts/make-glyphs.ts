/**
 * npx tsx scripts/make-glyphs.ts
 *
 * Makes the glyph PBFs of the offline basemap (static/glyphs/<fontstack>/<range>.pbf): MapLibre needs them
 * to draw cluster counts and labels, and the tests (and an offline install) cannot fetch any.
 *
 * How: headless chromium draws each character of DejaVu Sans (the system font file, loaded with @font-face)
 * with @mapbox/tiny-sdf, the same signed-distance rasteriser MapLibre uses for local glyphs, at fontnik's
 * settings (24 px, 3 px buffer, radius 8); the PBF is written by scripts/glyph-pbf.ts. Ranges 0-255 and
 * 256-511 cover French text (Œ œ Ÿ are in 256-511) and digits. Font licence: static/glyphs/LICENSE-DejaVu.txt.
 */
import { chromium } from '@playwright/test';
import { gzipSync } from 'node:zlib';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { encodeGlyphRange, type Glyph } from './glyph-pbf';

const FONTS = [
	{ stack: 'DejaVu Sans Book', file: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', weight: 'normal' },
	{ stack: 'DejaVu Sans Bold', file: '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf', weight: 'bold' }
];
const RANGES = [
	[0, 255],
	[256, 511]
] as const;
const LICENCE = '/usr/share/doc/fonts-dejavu-core/copyright';
const OUT = 'static/glyphs';
/** fontnik measures `top` from an origin above the em box; MapLibre aligns local glyphs with this offset. */
const TOP_ADJUSTMENT = 27;

const require = createRequire(import.meta.url);
const tinySdfSource = readFileSync(require.resolve('@mapbox/tiny-sdf'), 'utf8').replace(
	'export default class TinySDF',
	'globalThis.TinySDF = class TinySDF'
);

interface Drawn {
	id: number;
	data: number[];
	glyphWidth: number;
	glyphHeight: number;
	glyphTop: number;
	glyphLeft: number;
	glyphAdvance: number;
}

async function main() {
	for (const f of FONTS)
		if (!existsSync(f.file)) throw new Error(`${f.file} absent : apt-get install fonts-dejavu-core`);
	const browser = await chromium.launch({
		executablePath: existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined,
		args: ['--headless', '--no-sandbox', '--disable-gpu']
	});
	try {
		const page = await browser.newPage();
		for (const font of FONTS) {
			const family = `Glyphs${font.weight}`;
			const base64 = readFileSync(font.file).toString('base64');
			await page.setContent(
				`<style>@font-face{font-family:${family};src:url(data:font/ttf;base64,${base64});font-weight:${font.weight}}</style>`
			);
			await page.evaluate(tinySdfSource);
			const loaded = (await page.evaluate(
				`document.fonts.load("${font.weight} 24px ${family}").then((faces) => faces.length)`
			)) as number;
			// Without this check a failed load would silently draw the browser's fallback font.
			if (loaded !== 1) throw new Error(`${font.file} : la police n'a pas été chargée par chromium`);
			for (const [start, end] of RANGES) {
				const drawn = (await page.evaluate(
					({ start, end, family, weight }) => {
						// eslint-disable-next-line @typescript-eslint/no-explicit-any
						const TinySDF = (globalThis as any).TinySDF;
						const sdf = new TinySDF({
							fontSize: 24,
							buffer: 3,
							radius: 8,
							cutoff: 0.25,
							fontFamily: family,
							fontWeight: weight
						});
						const out = [];
						for (let id = start; id <= end; id++) {
							// Control characters have no glyph.
							if (id < 32 || (id >= 127 && id < 160)) continue;
							const g = sdf.draw(String.fromCodePoint(id));
							out.push({ id, ...g, data: Array.from(g.data) });
						}
						return out;
					},
					{ start, end, family, weight: font.weight }
				)) as Drawn[];
				const glyphs: Glyph[] = drawn.map((g) => {
					const empty = g.glyphWidth === 0 || g.glyphHeight === 0;
					return {
						id: g.id,
						bitmap: empty ? undefined : Uint8Array.from(g.data),
						width: empty ? 0 : g.glyphWidth,
						height: empty ? 0 : g.glyphHeight,
						left: g.glyphLeft,
						top: g.glyphTop - TOP_ADJUSTMENT,
						advance: Math.round(g.glyphAdvance)
					};
				});
				const dir = join(OUT, font.stack);
				mkdirSync(dir, { recursive: true });
				const file = join(dir, `${start}-${end}.pbf`);
				const pbf = encodeGlyphRange(font.stack, `${start}-${end}`, glyphs);
				writeFileSync(file, pbf);
				// adapter-node serves a `.gz` beside a file to browsers that accept gzip, but only precompresses
				// its own kinds of files: the glyphs travel at a third of their size this way.
				writeFileSync(`${file}.gz`, gzipSync(pbf, { level: 9 }));
				console.log(`${file}: ${glyphs.length} glyphes, ${pbf.length} octets`);
			}
		}
	} finally {
		await browser.close();
	}
	copyFileSync(LICENCE, join(OUT, 'LICENSE-DejaVu.txt'));
	console.log(`${OUT}/LICENSE-DejaVu.txt copié depuis ${LICENCE}`);
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
