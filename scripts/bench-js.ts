/**
 * npm run bench:js      (builds first; OUT_DIR picks SvelteKit's output folder, default .svelte-kit/output)
 *
 * The JavaScript (gzip) a visitor downloads before the map's own chunk on the explorer's pages (`/` and
 * `/carte`), read from the build, without a browser or a server, so the figure is the same on every run.
 * It is what bench:map's jsBeforeMap counts in chromium: the files the page's HTML loads (SvelteKit's entry,
 * the root layout and the page, each with every chunk they import statically: the `modulepreload` links),
 * the root error page (SvelteKit's client asks for it at start), and, of a lazy import that leads to a map
 * library, the files Vite's preload asks for before that library (the engine's own chunk comes first in its
 * list); minus the map's files (MapLibre, its worker, Leaflet); each file gzipped on its own. Other lazy
 * imports (the search client) are not counted: nothing asks for them before the map.
 * Prints one line per chunk and, as last line, one JSON object with the figures, the target (at most
 * 120 KB gzip, bench:map's) and the baseline measured before the first load was cut.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const OUT = resolve(process.env.OUT_DIR ?? '.svelte-kit/output');
const PAGES = ['/', '/carte'];
const TARGET_KB = 120;
/** The figure before the first load was cut (`/`; `/carte` 137.4, as bench:map's jsBeforeMap read it). */
const BASELINE_KB = 137.8;
/** The same test as bench:map's: a file holding a map library is the map's. */
const isMap = (source: string) => /MapLibre GL JS|maplibre-gl-worker|leaflet/i.test(source);

const manifestFile = join(OUT, 'server', 'manifest.js');
if (!existsSync(manifestFile)) {
	console.error(`${manifestFile} manque : lancez d'abord « npx vite build » (ou « npm run bench:js »).`);
	process.exit(1);
}
const manifest = readFileSync(manifestFile, 'utf8');

/** The strings of a `name: [ ... ]` or `name:[ ... ]` array literal in a generated file. */
function stringList(source: string, name: string): string[] {
	const list = new RegExp(`\\b${name}\\s*:\\s*\\[([^\\]]*)\\]`).exec(source)?.[1];
	if (list === undefined) throw new Error(`« ${name} » introuvable`);
	return [...list.matchAll(/"([^"]+)"/g)].map((x) => x[1]);
}

/** The client files a node (layout or page) preloads, from its server-side stub. */
function nodeImports(index: number): string[] {
	const source = readFileSync(join(OUT, 'server', 'nodes', `${index}.js`), 'utf8');
	const list = /export const imports = (\[[^\]]*\]);/.exec(source)?.[1];
	if (!list) throw new Error(`nœud ${index} : liste « imports » introuvable`);
	return JSON.parse(list) as string[];
}

/** The layouts and the leaf of a page route, from the server manifest's route table. */
function routeNodes(id: string): number[] {
	const at = manifest.indexOf(`id: ${JSON.stringify(id)},`);
	if (at < 0) throw new Error(`route ${id} introuvable dans le manifeste`);
	const page = /page:\s*\{\s*layouts:\s*\[([^\]]*)\],\s*errors:\s*\[[^\]]*\],\s*leaf:\s*(\d+)\s*\}/.exec(
		manifest.slice(at, at + 400)
	);
	if (!page) throw new Error(`route ${id} : pas une page`);
	const layouts = page[1]
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean)
		.map(Number);
	return [...layouts, Number(page[2])];
}

const client = manifest.slice(manifest.indexOf('client:'));
const entry = stringList(client, 'imports');
const gzipKB = new Map<string, number>();
const sizeOf = (file: string) => {
	let kb = gzipKB.get(file);
	if (kb === undefined) {
		kb = gzipSync(readFileSync(join(OUT, 'client', file))).length / 1024;
		gzipKB.set(file, kb);
	}
	return kb;
};
const round = (n: number) => Math.round(n * 10) / 10;

const source = (file: string) => readFileSync(join(OUT, 'client', file), 'utf8');

/**
 * The files a chunk's lazy imports of the map ask for before the map library: Vite's preload helper adds a
 * `modulepreload` link for each file of a lazy import's dependency list (`__vite__mapDeps([...])`, indexes
 * into the chunk's `m.f` list, in the order the browser requests them) before importing it.
 */
function requestedBeforeMap(file: string): string[] {
	const code = source(file);
	const list = /m\.f\|\|\(m\.f=(\[[^\]]*\])/.exec(code)?.[1];
	if (!list) return [];
	const dir = file.slice(0, file.lastIndexOf('/') + 1);
	const deps = (JSON.parse(list) as string[]).map((f) => join(dir, f).replaceAll('\\', '/'));
	const out: string[] = [];
	for (const call of code.matchAll(/__vite__mapDeps\(\[([\d,]*)\]\)/g)) {
		const files = call[1].split(',').map((i) => deps[Number(i)]);
		// SvelteKit's entry imports every route's node lazily: the router's, not the map's.
		if (files[0].includes('/nodes/')) continue;
		const firstMap = files.findIndex((f) => isMap(source(f)));
		if (firstMap > 0) out.push(...files.slice(0, firstMap));
	}
	return out;
}

const pages: Record<string, { totalKB: number; chunks: Record<string, number> }> = {};
for (const path of PAGES) {
	// Node 1 is the root error page, which SvelteKit's client loads at start beside the root layout.
	const html = [...new Set([...entry, ...[...routeNodes(path), 1].flatMap(nodeImports)])];
	const files = [...new Set([...html, ...html.flatMap(requestedBeforeMap)])].filter(
		(f) => f.endsWith('.js') && !isMap(source(f))
	);
	files.sort((a, b) => sizeOf(b) - sizeOf(a));
	const total = files.reduce((sum, f) => sum + sizeOf(f), 0);
	pages[path] = {
		totalKB: round(total),
		chunks: Object.fromEntries(files.map((f) => [f.replace(/^_app\/immutable\//, ''), round(sizeOf(f))]))
	};
	console.log(`${path} : ${round(total)} Ko gzip avant la carte (${files.length} fichiers)`);
	for (const f of files) console.log(`  ${round(sizeOf(f)).toFixed(1).padStart(6)} Ko  ${f}`);
}

const worst = Math.max(...Object.values(pages).map((p) => p.totalKB));
console.log(
	JSON.stringify({
		jsBeforeMapGzipKB: worst,
		targetKB: TARGET_KB,
		ok: worst <= TARGET_KB,
		baselineKB: BASELINE_KB,
		pages
	})
);
