import { describe, expect, it } from 'vitest';
import { messageProblems } from './i18n-check.js';

const fr = { $schema: 'x', nav_map: 'Carte', hello: 'Bonjour {name}' };
const used = 'm.nav_map() m.hello({ name })';

describe('messages check', () => {
	it('accepts three languages that agree and are used', () => {
		const de = { nav_map: 'Karte', hello: 'Hallo {name}' };
		expect(messageProblems({ fr, de }, used)).toEqual([]);
	});

	it('names a key missing or empty in a language', () => {
		expect(messageProblems({ fr, de: { nav_map: ' ', hello: 'Hallo {name}' } }, used)).toEqual([
			'"nav_map" is missing or empty in de'
		]);
		expect(messageProblems({ fr, de: { hello: 'Hallo {name}' } }, used)).toEqual([
			'"nav_map" is missing or empty in de'
		]);
	});

	it('names a key no source uses', () => {
		expect(messageProblems({ fr }, 'm.nav_map()')).toEqual(['"hello" is not used anywhere in src/']);
		// A key chosen by a value is used too.
		expect(messageProblems({ fr }, "m.nav_map() m['hello']({ name })")).toEqual([]);
	});

	it('refuses a message looked up by a computed name (it would ship every message)', () => {
		const terms = { term_role_x: 'X', nav_map: 'Carte' };
		expect(messageProblems({ fr: terms }, 'm.nav_map() m[`term_${taxonomy}_${code}`]()')).toEqual([
			'm[`term_${taxonomy}_${code}`] looks a message up by a computed name, which ships every message to the browser: name each message',
			'"term_role_x" is not used anywhere in src/'
		]);
	});

	it('names a translation whose placeholders differ', () => {
		const [problem] = messageProblems({ fr, de: { nav_map: 'Karte', hello: 'Hallo {nom}' } }, used);
		expect(problem).toMatch(/^"hello" has different placeholders/);
	});

	it('accepts the project’s own messages', async () => {
		const { projectMessageProblems } = await import('./i18n-check.js');
		expect(projectMessageProblems(process.cwd())).toEqual([]);
	});
});
