import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LEGAL_BASES } from '$lib/domain/buyers/bases';
import { parseSourcingQuery } from '$lib/domain/buyers/query';
import { potentialOf, sourcing, type SourcingResult } from '$lib/domain/buyers/sourcing';
import type { Catalogue } from '$lib/domain/catalogue';
import { overwriteGetLocale } from '$lib/paraglide/runtime';
import { seedCatalogue } from '$lib/server/seed/read-data';
import {
	basisLabel,
	basisLimits,
	basisWho,
	checkText,
	deliveryNoteText,
	formatKm,
	issueText,
	noneNearbyText,
	pageNotes,
	potentialReasoning,
	potentialTitle
} from './buyers';

let catalogue: Catalogue;
const run = (qs: string): SourcingResult =>
	sourcing(
		catalogue.organisations,
		catalogue.geo,
		parseSourcingQuery(new URLSearchParams(qs), catalogue.geo).query
	);
const inLocale = (locale: 'fr' | 'de' | 'en') => overwriteGetLocale(() => locale);

beforeAll(() => {
	catalogue = seedCatalogue();
});
afterEach(() => inLocale('fr'));

/** Searches that give every kind of reason on the seed: each basis, places near and far, lots, extras. */
const SEARCHES = [
	...LEGAL_BASES.map((b) => `activite=environnement-reemploi&lieu=strasbourg&rayon=3&base=${b.code}`),
	'activite=alimentation&lieu=neuhof&rayon=2&base=L2113-13&prestation=fabrication&taille=11',
	'lieu=illkirch-graffenstaden&rayon=1&base=L2113-15&prestation=prestation',
	'activite=insertion-emploi&base=L2113-12',
	'activite=habitat&base=clause&lot=habitat&lot=environnement-reemploi',
	'base=libre&taille=01'
];

describe('the buyers’ words in French are lib/domain’s, word for word', () => {
	it('writes every basis as lib/domain does', () => {
		for (const b of LEGAL_BASES) {
			expect(basisLabel(b.code)).toBe(b.label);
			expect(basisWho(b.code)).toBe(b.who);
			expect(basisLimits(b.code)).toEqual(b.limits);
		}
	});

	it('writes every check of every supplier, the potential and the « none nearby » as lib/domain does', () => {
		let checks = 0;
		const seen = new Set<string>();
		for (const qs of SEARCHES) {
			const r = run(qs);
			for (const s of [...r.matches, ...r.apart, ...r.further])
				for (const c of s.checks) {
					expect(checkText(c.why)).toBe(c.text);
					seen.add(c.why.code === 'basis' ? c.why.reason : c.why.code);
					checks++;
				}
			if (r.potential) {
				expect(potentialTitle(r.potential)).toBe(r.potential.title);
				expect(potentialReasoning(r.potential)).toEqual(r.potential.reasoning);
			}
			if (r.noneNearby) expect(noneNearbyText(r.noneNearbyFacts!)).toBe(r.noneNearby);
		}
		expect(checks).toBeGreaterThan(100);
		// The searches reach most reasons, so the comparison is not of a few easy ones.
		expect(seen.size).toBeGreaterThan(15);
	});

	it('writes the potential of every count, with and without a place', () => {
		const geo = catalogue.geo;
		for (const qs of ['', 'base=L2113-12', 'base=L2113-13'])
			for (const count of [0, 1, 2, 4, 5, 12])
				for (const place of [undefined, { name: 'Neudorf' }]) {
					const p = potentialOf(count, parseSourcingQuery(new URLSearchParams(qs), geo).query, place);
					expect(potentialReasoning(p)).toEqual(p.reasoning);
				}
	});

	it('writes the notes about the URL as lib/domain does', () => {
		const qs =
			'activite=x&lieu=1&rayon=900&base=L9&prestation=y&taille=99&lot=z&lot=habitat&choix=A!' +
			'&lot=finance&lot=sante&lot=culture&lot=alimentation&lot=sport-loisirs&lot=transport-mobilite';
		const { notes, issues } = parseSourcingQuery(new URLSearchParams(qs), catalogue.geo);
		expect(issues.map(issueText)).toEqual(notes);
		expect(notes.length).toBe(9);
		const many = new URLSearchParams(Array.from({ length: 51 }, (_, i) => ['choix', `id-${i}`]));
		const full = parseSourcingQuery(many, catalogue.geo);
		expect(full.issues.map(issueText)).toEqual(full.notes);
	});

	it('gives the page’s own notes, and a distance as before', () => {
		const page = { notes: ['Activité inconnue « nope » : ignorée.'], issues: [], unknownChoices: [] };
		expect(pageNotes(page)).toBe(page.notes);
		expect(formatKm(3.24)).toBe('3,2 km');
		expect(formatKm(12.6)).toBe('13 km');
	});
});

describe('the buyers’ words in German and English', () => {
	const r = () => run('activite=environnement-reemploi&lieu=strasbourg&rayon=20&base=L2113-13');

	it('writes bases, reasons and the potential in the reader’s language, article numbers as they are', () => {
		inLocale('de');
		expect(basisLabel('L2113-13')).toBe(
			'Auftrag vorbehalten für SIAE und gleichwertige Strukturen (Artikel L2113-13)'
		);
		const s = r().matches[0];
		const texts = s.checks.map((c) => checkText(c.why));
		expect(texts[0]).toBe('Struktur der Eingliederung durch wirtschaftliche Tätigkeit (SIAE).');
		expect(texts[1]).toBe('Umwelt, Energie und Wiederverwendung');
		expect(texts[2]).toMatch(/^Ansässig (etwa )?\d+,\d km von Strasbourg entfernt\.$/);
		expect(formatKm(12.6)).toBe('13 km');
		inLocale('en');
		expect(s.checks.map((c) => checkText(c.why))[2]).toMatch(
			/^Located (about )?\d+\.\d km from Strasbourg\.$/
		);
		expect(potentialReasoning(r().potential!)[0]).toMatch(
			/^Work integration organisations \(SIAE\) offering this activity within 20 km of Strasbourg: \d+\.$/
		);
		expect(noneNearbyText({ basis: 'L2113-12', activity: true, further: true })).toBe(
			'No organisation admitted under article L2113-12 for this activity in the database. The nearest ones beyond it are listed below.'
		);
	});

	it('writes the URL’s notes, the address’s and the shortlist’s', () => {
		inLocale('en');
		const { issues, notes } = parseSourcingQuery(new URLSearchParams('activite=nope&rayon=0'), catalogue.geo);
		expect(pageNotes({ notes, issues, unknownChoices: ['inconnue'] })).toEqual([
			'Unknown activity “nope”: ignored.',
			'Radius “0”: a number of kilometres from 1 to 100 is expected; 15 km used.',
			'Shortlist: no published organisation “inconnue”; it is left out of the files.'
		]);
		expect(deliveryNoteText({ code: 'down', address: '3 rue X', commune: 'Schiltigheim' })).toBe(
			'The address service does not answer: distances are measured from the centre of Schiltigheim.'
		);
		inLocale('de');
		expect(deliveryNoteText({ code: 'not-found', address: '3 rue X' })).toMatch(
			/^Adresse „3 rue X“ in der Eurometropole nicht gefunden .*: Wählen Sie eine Gemeinde/
		);
	});
});
