import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

// ---------------------------------------------------------------------------------------------------------
// Layers: what each folder of src/lib may import (README "Layers"). Each layer lists what it may import; any
// other package or $lib folder is an error. In an entry, a name covers that package or folder and everything
// under it, `scope/*` any package of a scope, `node:*` Node's own modules, and only(name) that module alone.
// Relative imports must stay inside the layer's folder (`root`): one that climbs out is an error too, so
// every import that crosses a layer is spelled `$lib/...` and checked here.
// Built on ESLint's own no-restricted-imports (no plugin, no import resolver to configure): the rules read
// as this table, and the messages name the layer.

const only = (name) => ({ only: name });
/** Types of GeoJSON (@types/geojson) and zod schemas are allowed in every layer: the types of the domain. */
const EVERYWHERE = ['zod', 'geojson'];
const SEARCH_CLIENT = [only('$lib/search'), only('$lib/search/client'), only('$lib/search/types')];
const SVELTE = ['svelte', '$app/*', '$env/dynamic/public'];
const MAP_LIBRARIES = ['maplibre-gl', '@maplibre/*', 'leaflet', 'leaflet.markercluster'];
/** The compiled messages (Paraglide) and the language of addresses: what every layer that writes text uses. */
const I18N = ['$lib/paraglide', '$lib/i18n'];

const LAYERS = [
	{ dir: 'src/lib/domain', may: ['$lib/domain'], says: 'lib/domain is pure: zod and lib/domain only' },
	{ dir: 'src/lib/geo', may: ['@turf/*', '$lib/domain'], says: 'lib/geo: turf and lib/domain only' },
	{
		dir: 'src/lib/search',
		may: ['lunr', 'lunr-languages', '$lib/domain'],
		says: 'lib/search: lunr, lunr-languages and lib/domain only'
	},
	{
		dir: 'src/lib/io',
		may: [
			'papaparse',
			'csv-parse',
			'exceljs',
			'proj4',
			'@socialgouv/codes-naf',
			// The iCalendar writer (src/lib/io/ical.ts).
			'ical-generator',
			'$lib/domain',
			'$lib/geo'
		],
		says: 'lib/io: its parsers, lib/domain and lib/geo only'
	},
	{
		dir: 'src/lib/pages',
		may: ['$lib/domain', '$lib/geo', '$lib/search', '$lib/io', only('$lib/links')],
		says: 'lib/pages (pure page builders): lib/domain, geo, search, io and links only; no server, no Svelte'
	},
	{
		dir: 'src/lib/i18n',
		may: ['$lib/paraglide', '$lib/domain'],
		says: 'lib/i18n: the compiled messages and lib/domain (taxonomies) only'
	},
	{
		file: 'src/lib/links.ts',
		may: ['$lib/domain', only('$lib/i18n/paths'), only('$lib/paraglide/runtime')],
		says: 'lib/links.ts: lib/domain, and the language of addresses'
	},
	{
		dir: 'src/lib/state',
		may: ['svelte', '$lib/domain', '$lib/geo', only('$lib/links')],
		says: 'lib/state: lib/domain, geo and links only; never lib/map or components'
	},
	{
		dir: 'src/lib/map',
		may: [...SVELTE, '$lib/domain', '$lib/geo', '$lib/state', ...SEARCH_CLIENT, only('$lib/links'), ...I18N],
		says: 'lib/map: lib/domain, geo, state, the search client and links; maplibre-gl and leaflet only in lib/map/engine'
	},
	{
		dir: 'src/lib/map/engine',
		root: 'src/lib/map',
		may: [...SVELTE, '$lib/domain', '$lib/geo', '$lib/state', only('$lib/links'), ...MAP_LIBRARIES],
		says: 'lib/map/engine: what lib/map may import, and the map libraries'
	},
	{
		dir: 'src/lib/components',
		may: [
			...SVELTE,
			'$lib/domain',
			'$lib/geo',
			'$lib/state',
			...SEARCH_CLIENT,
			'$lib/io',
			only('$lib/links'),
			'$lib/map',
			'$lib/components',
			...I18N
		],
		says: 'lib/components: lib/domain, geo, io, state, the search client, links and map components'
	},
	{
		dir: 'src/lib/bench',
		may: ['$lib/domain', '$lib/geo', '$lib/io', 'node:*'],
		says: 'lib/bench (synthetic data and files): lib/domain, geo, io and node only'
	},
	{
		dir: 'src/lib/server',
		may: [
			'$lib/domain',
			'$lib/geo',
			'$lib/search',
			'$lib/io',
			'$lib/pages',
			only('$lib/links'),
			'$lib/server',
			...I18N,
			'node:*',
			'@sveltejs/kit',
			'argon2',
			'csv-parse',
			'yauzl',
			'nodemailer',
			'supercluster',
			// supercluster's KD-trees, put back together after a worker built them (lib/server/cluster-build.ts).
			'kdbush',
			'@maplibre/vt-pbf',
			// The observatory's plots, drawn on the server (lib/server/observatory/plot.ts only uses them).
			'@observablehq/plot',
			'linkedom',
			// QR codes for share links and flyers (src/lib/server/qr.ts).
			'qrcode',
			'$env/*',
			only('$app/environment')
		],
		says: 'lib/server: domain, geo, search, io, pages, links, server, node and server packages; never Svelte, lib/map, lib/state or lib/components; better-sqlite3 only in lib/server/db'
	},
	{
		dir: 'src/lib/server/db',
		root: 'src/lib/server',
		may: ['$lib/domain', '$lib/geo', '$lib/server', 'node:*', 'better-sqlite3', 'pg'],
		says: 'lib/server/db: SQL, better-sqlite3 and pg over lib/domain and geo'
	}
];

/** Tests and their support modules (test-*.ts) may also use the test tools, read fixture files and the seed. */
const TEST_TOOLS = [
	'vitest',
	'fast-check',
	'node:*',
	'yazl',
	'@socialgouv/codes-naf',
	'$lib/io',
	only('$lib/server/seed/read-data'),
	// A local SMTP server and a parser of what it received (src/lib/server/mail/test-smtp.ts).
	'smtp-server',
	'mailparser',
	// A maintained feed parser reads the Atom feeds back (src/lib/server/feeds.test.ts).
	'@rowanmanning/feed-parser',
	// A maintained iCalendar parser reads the agenda's .ics back (src/lib/server/agenda.test.ts).
	'ical.js'
];

/**
 * TEMPORARY EXCEPTIONS, each to be removed once its file is fixed. Files of areas other changes were editing
 * when these rules came in, with the imports they still make.
 */
const TEMPORARY_IMPORT_EXCEPTIONS = {};
const TEMPORARY_RULE_EXCEPTIONS = {};

/** A file path as a glob that matches only that file (route folders such as [id] are glob classes). */
const literal = (path) => path.replace(/\[/g, '[[]');
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
function specifier(entry) {
	if (typeof entry === 'object') return escape(entry.only);
	if (entry.endsWith(':*')) return `${escape(entry.slice(0, -1))}.+`;
	if (entry.endsWith('/*')) return `${escape(entry.slice(0, -1))}[^/]+(?:/.*)?`;
	return `${escape(entry)}(?:/.*)?`;
}

/** no-restricted-imports for a file `depth` folders below its layer's root (a one-file layer: none). */
function layerRule(layer, depth, extra = []) {
	const allowed = [...EVERYWHERE, ...layer.may, ...extra].map(specifier).join('|');
	return [
		'error',
		{
			patterns: [
				{
					regex: `^(?!(?:${allowed})$)(?!\\.\\.?/)`,
					caseSensitive: true,
					message: `${layer.says} (README, "Layers").`
				},
				{
					regex: layer.file ? '^\\.\\.?/' : `^(?:\\.\\./){${depth + 1}}`,
					caseSensitive: true,
					message: `leaves ${(layer.root ?? layer.dir ?? layer.file).replace('src/', '')}: import it by its $lib/ path (README, "Layers").`
				}
			]
		}
	];
}

const SOURCES = '*.{ts,svelte}';
const TESTS = '{*.test.ts,test-*.ts}';
const MAX_DEPTH = 4;

/** The config blocks of one layer: one per folder depth, tests after sources (a later block wins). */
function layerBlocks(layer) {
	if (layer.file) return [{ files: [layer.file], rules: { 'no-restricted-imports': layerRule(layer, 0) } }];
	const base = layer.root ? layer.dir.split('/').length - layer.root.split('/').length : 0;
	const blocks = [];
	for (const [pattern, extra] of [
		[SOURCES, []],
		[TESTS, TEST_TOOLS]
	])
		for (let d = 0; d <= MAX_DEPTH; d++)
			blocks.push({
				files: [`${layer.dir}/${'*/'.repeat(d)}${pattern}`],
				rules: { 'no-restricted-imports': layerRule(layer, base + d, extra) }
			});
	return blocks;
}

/** The layer a file belongs to (the deepest folder that holds it) and its depth below the layer's root. */
function layerOf(file) {
	const layer = LAYERS.filter((l) => (l.file ? file === l.file : file.startsWith(`${l.dir}/`))).sort(
		(a, b) => (b.dir ?? b.file).length - (a.dir ?? a.file).length
	)[0];
	const root = layer.root ?? layer.dir ?? file;
	return { layer, depth: file.split('/').length - root.split('/').length - 1 };
}

function exceptionBlocks() {
	return Object.entries(TEMPORARY_IMPORT_EXCEPTIONS).map(([file, extra]) => {
		if (file.startsWith('src/routes/'))
			return { files: [literal(file)], rules: { 'no-restricted-imports': routesRule(true) } };
		const { layer, depth } = layerOf(file);
		const tools = /(\.test|\/test-[^/]*)\.ts$/.test(file) ? TEST_TOOLS : [];
		return {
			files: [literal(file)],
			rules: { 'no-restricted-imports': layerRule(layer, Math.max(depth, 0), [...tools, ...extra]) }
		};
	});
}

/** Outside the layers: routes never reach the database, and the libraries with a home stay in it. */
const HOMED_LIBRARIES = [
	{ regex: '^@turf/', caseSensitive: true, message: 'turf is used through lib/geo (README, "Layers").' },
	{
		// @maplibre/vt-pbf only writes tiles (lib/server/map-scale.ts): not a map library.
		regex: '^(?:maplibre-gl|@maplibre/(?!vt-pbf)|leaflet)',
		caseSensitive: true,
		message: 'map libraries are used only in lib/map/engine (README, "Layers").'
	}
];
/** Routes: the homed libraries, and never the database (`withDb`: a temporary exception). */
function routesRule(withDb = false) {
	const db = {
		regex: '^(?:\\$lib/server/db(?:/|$)|better-sqlite3$)',
		caseSensitive: true,
		message: 'routes call lib/server modules, never lib/server/db (README, "Layers").'
	};
	return ['error', { patterns: [...HOMED_LIBRARIES, ...(withDb ? [] : [db])] }];
}
const OUTSIDE_LAYERS = [
	{ files: ['src/routes/**/*.{ts,svelte}'], rules: { 'no-restricted-imports': routesRule() } },
	{
		files: ['src/*.ts', 'src/params/**/*.ts', 'scripts/**/*.ts', 'e2e/**/*.ts'],
		rules: { 'no-restricted-imports': ['error', { patterns: HOMED_LIBRARIES }] }
	},
	{
		// no-restricted-imports does not see import(): dynamic imports are for the lazily loaded map engines
		// and the search client, in lib/map, whose own imports are checked above.
		files: ['src/**/*.{ts,svelte}'],
		ignores: ['src/lib/map/**'],
		rules: {
			'no-restricted-syntax': [
				'error',
				{
					selector: 'ImportExpression',
					message:
						'dynamic import() is kept to lib/map (lazy map engines, search client), where the layer rules see it.'
				}
			]
		}
	}
];

export default ts.config(
	{
		ignores: [
			'build/',
			'build-*/',
			'.svelte-kit/',
			'.svelte-kit-*/',
			'node_modules/',
			'test-results/',
			'playwright-report/',
			'src/lib/paraglide/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'no-undef': 'off',
			// The app is served at the root (no paths.base), and every internal link is built by $lib/links.
			'svelte/no-navigation-without-resolve': 'off',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }]
		}
	},
	{
		// Type-aware rules for everything tsconfig.json covers (the TypeScript and Svelte sources, scripts, e2e).
		files: ['**/*.ts', '**/*.svelte'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				tsconfigRootDir: import.meta.dirname,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		},
		rules: {
			// A promise nobody awaits loses its errors: await it, or write `void` and say why it may run alone.
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': 'error'
		}
	},
	...LAYERS.flatMap(layerBlocks),
	...OUTSIDE_LAYERS,
	...exceptionBlocks(),
	...Object.entries(TEMPORARY_RULE_EXCEPTIONS).map(([file, rules]) => ({
		files: [literal(file)],
		rules: Object.fromEntries(rules.map((r) => [r, 'off']))
	}))
);
