// Refuses the build when the messages of the three languages disagree: a key missing or empty in one
// language, a key no page uses any more, or a translation that drops or invents a `{placeholder}`.
// Plain JS so that `npm run build` runs it before Vite with nothing compiled.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The texts of a message: itself, or each variant of a plural or a choice (inlang's message format).
 * @param {unknown} message
 * @returns {string[]}
 */
function textsOf(message) {
	if (typeof message === 'string') return [message];
	if (!Array.isArray(message)) return [];
	return message.flatMap((variant) =>
		Object.values(variant?.match ?? {}).filter((t) => typeof t === 'string')
	);
}

/** The placeholders a message's texts use, each once. @param {string[]} texts */
const placeholders = (texts) =>
	[...new Set(texts.flatMap((text) => [...text.matchAll(/\{(\w+)\}/g)].map((p) => p[1])))].sort();

/**
 * @param {Record<string, Record<string, unknown>>} byLocale messages of each locale (file contents)
 * @param {string} sources the source text that must use every key
 * @returns {string[]} the problems, one sentence each
 */
export function messageProblems(byLocale, sources) {
	const problems = [];
	const keysOf = (/** @type {Record<string, unknown>} */ messages) =>
		Object.keys(messages).filter((k) => k !== '$schema');
	const all = new Set(Object.values(byLocale).flatMap(keysOf));
	// A message looked up by a computed name (`m[`term_${…}`]`) is refused: the bundler can no longer tell
	// which messages a page uses and keeps every message of the site, in every language, in the first chunk
	// of each page that imports the lookup. Name each message (a table of them: src/lib/i18n/term-messages.ts).
	for (const lookup of new Set([...sources.matchAll(/\bm\[`[^`]*\$\{[^`]*`\]/g)].map((f) => f[0])))
		problems.push(
			`${lookup} looks a message up by a computed name, which ships every message to the browser: name each message`
		);
	for (const key of [...all].sort()) {
		/** @type {Record<string, string[]>} */
		const texts = {};
		for (const [locale, messages] of Object.entries(byLocale)) {
			const variants = textsOf(messages[key]);
			if (!variants.length || variants.some((t) => t.trim() === ''))
				problems.push(`"${key}" is missing or empty in ${locale}`);
			else texts[locale] = variants;
		}
		const shapes = new Set(Object.values(texts).map((t) => placeholders(t).join(',')));
		if (shapes.size > 1)
			problems.push(`"${key}" has different placeholders across languages: ${JSON.stringify(texts)}`);
		// `m.key(` in code, or `m['key']` / `m["key"]` when chosen by a value.
		const used = new RegExp(`\\bm\\.${key}\\b|\\bm\\[['"]${key}['"]\\]`).test(sources);
		if (!used) problems.push(`"${key}" is not used anywhere in src/`);
	}
	return problems;
}

/** @param {string} dir */
function sourceText(dir) {
	let text = '';
	for (const name of readdirSync(dir)) {
		const path = join(dir, name);
		if (name === 'paraglide' || name === 'node_modules') continue;
		if (statSync(path).isDirectory()) text += sourceText(path);
		else if (/\.(svelte|ts|js)$/.test(name) && !/\.test\.ts$/.test(name)) text += readFileSync(path, 'utf8');
	}
	return text;
}

/**
 * The problems of the project's messages (messages/<locale>.json for the locales of project.inlang).
 * @param {string} root the project's folder
 */
export function projectMessageProblems(root) {
	const settings = JSON.parse(readFileSync(join(root, 'project.inlang', 'settings.json'), 'utf8'));
	const byLocale = Object.fromEntries(
		settings.locales.map((/** @type {string} */ l) => [
			l,
			JSON.parse(readFileSync(join(root, 'messages', `${l}.json`), 'utf8'))
		])
	);
	return messageProblems(byLocale, sourceText(join(root, 'src')));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	const root = join(fileURLToPath(import.meta.url), '..', '..');
	const problems = projectMessageProblems(root);
	if (problems.length) {
		console.error(
			`Messages (${relative(process.cwd(), join(root, 'messages'))}/): ${problems.length} problem(s)`
		);
		for (const p of problems) console.error(`  - ${p}`);
		process.exit(1);
	}
	console.log('Messages: every language has every key, and every key is used.');
}
