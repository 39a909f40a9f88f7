/**
 * Every internal address is built by src/lib/links.ts (README, "Internal links"). A lint rule cannot tell a
 * path from any other string, so this test reads the sources (Svelte components, TypeScript modules,
 * routes and hooks; not links.ts itself nor the tests) and fails on an internal URL written by hand:
 * `href="/…"`, `action="/…"`, `'/carte…'`, `` `/annuaire?…` ``, `redirect(303, '/…')`, `goto('/')`...
 * with the file and line. Anchors (`#contenu`), form actions (`?/save`) and outside addresses are not
 * internal paths and pass.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SOURCES = 'src';
const LINKS = 'src/lib/links.ts';

/** A string starting with a path: a quote, `/`, a lowercase word, then `/`, `?`, `#`, `.`, `{`, `${` or the quote. */
const PATH = /(['"`])\/[a-z0-9][\w.-]*?(?:[/?#{]|\$\{|\1)/g;
/** The site's root alone, where a link, a form, a redirect or a fetch expects an address. */
const ROOT =
	/(?:\b(?:href|action|formaction|src)\s*=\s*|\b(?:redirect\(\s*\d{3}\s*,|goto\(|fetch\()\s*|\bhref:\s*)(['"`])\/\1/g;

/**
 * Literals allowed to stay, each with why: `file` and the literal's start. Keep it short; a new route or
 * parameter goes in links.ts instead.
 */
const ALLOWED: { file: string; literal: string; why: string }[] = [
	{
		file: 'src/lib/i18n/translated.ts',
		literal: "'/",
		why: 'SvelteKit route ids (`page.route.id`) of the translated pages, not addresses'
	},
	{
		file: 'src/lib/server/db/backup-postgres.ts',
		literal: "'/usr/lib/postgresql'",
		why: "a folder on the server (Debian's PostgreSQL tools), not an address"
	}
];

/** Comments removed, line breaks kept so line numbers stay right. */
function withoutComments(text: string): string {
	const blank = (m: string) => m.replace(/[^\n]/g, ' ');
	return text
		.replace(/<!--[\s\S]*?-->/g, blank)
		.replace(/\/\*[\s\S]*?\*\//g, blank)
		.replace(/(^|[\s;{}(,])\/\/[^\n]*/g, (m, before: string) => before + blank(m.slice(before.length)));
}

/** The internal URL literals of one source text, as `line: literal`. */
function internalLiterals(text: string): { line: number; literal: string }[] {
	const clean = withoutComments(text);
	const found: { index: number; literal: string }[] = [];
	for (const re of [PATH, ROOT])
		for (const m of clean.matchAll(re)) {
			// Reported whole: from its opening quote to its closing one (or the end of the line).
			const start = m.index + m[0].indexOf(m[1]);
			const end = clean.slice(start + 1).search(new RegExp(`[${m[1]}\\n]`));
			found.push({
				index: m.index,
				literal: clean.slice(start, end < 0 ? undefined : start + end + 2).trim()
			});
		}
	return found
		.sort((a, b) => a.index - b.index)
		.map(({ index, literal }) => ({ line: clean.slice(0, index).split('\n').length, literal }));
}

function sources(dir: string): string[] {
	return readdirSync(dir, { recursive: true, encoding: 'utf8' })
		.map((f) => join(dir, f).replaceAll('\\', '/'))
		.filter((f) => /\.(ts|svelte)$/.test(f))
		.filter((f) => f !== LINKS && !/\.test\.ts$/.test(f) && !/\/test-[^/]*\.ts$/.test(f));
}

describe('internal links', () => {
	it('finds hand-written internal URLs (the scan works)', () => {
		const sample = [
			'<a href="/carte">Carte</a>',
			'<a class="brand" href="/">Accueil</a>',
			'<a href="/quartiers/{q.slug}#sq-{s.slug}">',
			'<form method="GET" action="/financements/comparer">',
			"redirect(303, '/admin/comptes?cree=1');",
			'redirect(303, `/admin/fiches/${id}`);',
			"const NAV = [{ href: '/', label: 'Accueil' }, { href: '/annuaire', label: 'Annuaire' }];",
			"goto(`/annuaire${query ? `?${query}` : ''}`);",
			"fetch('/carte/points.json');",
			"const p = '/admin';"
		].join('\n');
		expect(internalLiterals(sample).map((f) => f.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 7, 8, 9, 10]);
	});

	it('lets anchors, form actions, outside addresses, separators, regular expressions and comments pass', () => {
		const sample = [
			'<a class="skip-link" href="#contenu">Aller au contenu</a>',
			'<form method="POST" action="?/verify">',
			'<a href={route.record(r)}>{r.name}</a>',
			"const parts = url.split('/').join('/');",
			"s.replace(/\"/g, '&quot;').replace(/%2F/g, '/');",
			"const base = 'https://data.geopf.fr/geocodage';",
			'const url = `${base}/search?${params}`;',
			"// the map reads '/carte?sel=<id>'",
			'/**',
			' * links to `/annuaire?q=velo`',
			' */',
			'<!-- see /carte -->',
			"headers: { 'content-type': 'text/plain' }"
		].join('\n');
		expect(internalLiterals(sample)).toEqual([]);
	});

	it('finds none in the sources outside links.ts', () => {
		const files = sources(SOURCES);
		expect(files.length).toBeGreaterThan(150);
		const found = files.flatMap((file) =>
			internalLiterals(readFileSync(file, 'utf8'))
				.filter((f) => !ALLOWED.some((a) => a.file === file && f.literal.includes(a.literal)))
				.map((f) => `${file}:${f.line}: ${f.literal}`)
		);
		expect(found, 'build these with route.… from $lib/links').toEqual([]);
		// An allowance whose literal has gone is removed with it.
		const stale = ALLOWED.filter(
			(a) => !internalLiterals(readFileSync(a.file, 'utf8')).some((f) => f.literal.includes(a.literal))
		);
		expect(stale).toEqual([]);
	});
});
