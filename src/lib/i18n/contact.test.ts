import { afterEach, describe, expect, it } from 'vitest';
import { contactWording, relayNotice, type RelayDecision } from '$lib/domain/contact';
import { RECORD_KINDS } from '$lib/domain/records';
import { overwriteGetLocale } from '$lib/paraglide/runtime';
import { contactWords, NAME, nameParts, relayWords, type RelayRoute } from './contact';

afterEach(() => overwriteGetLocale(() => 'fr'));

const recipient = { id: 'emmaus', name: 'Emmaüs Strasbourg' };
const record = { name: 'Ventes d’Emmaüs', kind: 'initiative' as const };
const DECISIONS: RelayDecision[] = [
	...(['record', 'carrier', 'provider'] as const).map((via): RelayDecision => ({
		route: 'email',
		to: 'x@example.org',
		recipient,
		via
	})),
	...(['no-address', 'several-addresses', 'mail-off'] as const).map((reason): RelayDecision => ({
		route: 'workspace',
		reason
	}))
];
const routeOf = (d: RelayDecision): RelayRoute =>
	d.route === 'email' ? { route: 'email', via: d.via } : { route: 'workspace', reason: d.reason };
const named = (sentence: string, name: string) => nameParts(sentence).join(name);

describe('where a message goes, in the reader’s language', () => {
	it('reads in French exactly as lib/domain writes it', () => {
		for (const d of DECISIONS) {
			const name = d.route === 'email' ? recipient.name : record.name;
			const words = relayWords(routeOf(d));
			const french = relayNotice(d, record);
			expect(named(words.before, name)).toBe(french.before);
			expect(named(words.after, name)).toBe(french.after);
		}
		for (const kind of RECORD_KINDS) {
			const { heading, title } = contactWording(kind);
			expect(contactWords(kind)).toEqual({ heading, title });
		}
	});

	it('carries the name once, where the page marks it French', () => {
		for (const locale of ['de', 'en'] as const) {
			overwriteGetLocale(() => locale);
			for (const d of DECISIONS) {
				const words = relayWords(routeOf(d));
				for (const sentence of [words.before, words.after])
					expect(nameParts(sentence).length - 1).toBeLessThanOrEqual(1);
				expect(words.before).not.toBe(relayNotice(d, record).before.replace(recipient.name, NAME));
			}
		}
		overwriteGetLocale(() => 'de');
		expect(named(relayWords({ route: 'email', via: 'carrier' }).before, 'E')).toContain(
			'„E“, die diese Initiative trägt'
		);
	});
});
