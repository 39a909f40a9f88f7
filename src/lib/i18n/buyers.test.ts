import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LEGAL_BASES } from '$lib/domain/buyers/bases';
import { parseSourcingQuery } from '$lib/domain/buyers/query';
import { potentialOf } from '$lib/domain/buyers/sourcing';
import { buildCatalogue, type Catalogue } from '$lib/domain/catalogue';
import { EXPORT_HEADERS, acheterPage, exportRows } from '$lib/pages/acheter';
import { overwriteGetLocale } from '$lib/paraglide/runtime';
import { loadDataset } from '$lib/server/seed/read-data';
import {
	basisLabel,
	basisLimits,
	basisWho,
	checkText,
	deliveryNoteText,
	exportHeaders,
	exportWording,
	formatKm,
	issueText,
	noneNearbyText,
	pageNotes,
	potentialReasoning,
	potentialTitle,
	supplierWhere
} from './buyers';

let catalogue: Catalogue;
const SITE = 'https://carto.test';
const page = (qs: string) => acheterPage(catalogue, new URL(`${SITE}/acheter${qs}`));
const inLocale = (locale: 'fr' | 'de' | 'en') => overwriteGetLocale(() => locale);

beforeAll(() => {
	const { dataset } = loadDataset('data');
	catalogue = buildCatalogue({
		version: 1,
		geo: {
			communes: dataset.communes,
			quartiers: dataset.quartiers,
			qpv: dataset.qpv,
			thematiques: dataset.thematiques
		},
		records: [...dataset.organisations, ...dataset.initiatives, ...dataset.fundingTools]
	});
});
afterEach(() => inLocale('fr'));

/** Searches that give every kind of reason on the seed: each basis, places near and far, lots, extras. */
const SEARCHES = [
	...LEGAL_BASES.map((b) => `?activite=environnement-reemploi&lieu=strasbourg&rayon=3&base=${b.code}`),
	'?activite=alimentation&lieu=neuhof&rayon=2&base=L2113-13&prestation=fabrication&taille=11',
	'?lieu=illkirch-graffenstaden&rayon=1&base=L2113-15&prestation=prestation',
	'?activite=insertion-emploi&base=L2113-12',
	'?activite=habitat&base=clause&lot=habitat&lot=environnement-reemploi',
	'?base=libre&taille=01'
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
			const p = page(qs);
			for (const s of [...p.matches, ...p.apart, ...p.further])
				for (const c of s.checks) {
					expect(checkText(c.why)).toBe(c.text);
					seen.add(c.why.code === 'basis' ? c.why.reason : c.why.code);
					checks++;
				}
			if (p.potential) {
				expect(potentialTitle(p.potential)).toBe(p.potential.title);
				expect(potentialReasoning(p.potential)).toEqual(p.potential.reasoning);
			}
			if (p.noneNearby) expect(noneNearbyText(p.noneNearbyFacts!)).toBe(p.noneNearby);
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
		const many = new URLSearchParams(Array.from({ length: 51 }, (_, i) => ['choix', `id-${i}`]));
		const full = parseSourcingQuery(many, catalogue.geo);
		expect(full.issues.map(issueText)).toEqual(full.notes);
		expect(notes.length).toBe(9);
	});

	it('keeps the files’ headers and cells', () => {
		expect(exportHeaders()).toEqual(EXPORT_HEADERS);
		for (const qs of SEARCHES) {
			const p = page(qs);
			expect(exportRows(p, SITE, exportWording())).toEqual(exportRows(p, SITE));
		}
	});

	it('gives the page’s own notes, and a distance as before', () => {
		const p = page('?activite=nope&choix=inconnue');
		expect(pageNotes(p)).toBe(p.notes);
		expect(formatKm(3.24)).toBe('3,2 km');
		expect(formatKm(12.6)).toBe('13 km');
	});
});

describe('the buyers’ words in German and English', () => {
	const p = () => page('?activite=environnement-reemploi&lieu=strasbourg&rayon=20&base=L2113-13');

	it('writes bases, reasons and the potential in the reader’s language, article numbers as they are', () => {
		inLocale('de');
		expect(basisLabel('L2113-13')).toBe(
			'Auftrag vorbehalten für SIAE und gleichwertige Strukturen (Artikel L2113-13)'
		);
		const s = p().matches[0];
		const texts = s.checks.map((c) => checkText(c.why));
		expect(texts[0]).toBe('Struktur der Eingliederung durch wirtschaftliche Tätigkeit (SIAE).');
		expect(texts[1]).toBe('Umwelt, Energie und Wiederverwendung');
		expect(texts[2]).toMatch(/^Ansässig (etwa )?\d+,\d km von Strasbourg entfernt\.$/);
		inLocale('en');
		expect(s.checks.map((c) => checkText(c.why))[2]).toMatch(
			/^Located (about )?\d+\.\d km from Strasbourg\.$/
		);
		expect(potentialReasoning(p().potential!)[0]).toMatch(
			/^Work integration organisations \(SIAE\) offering this activity within 20 km of Strasbourg: \d+\.$/
		);
	});

	it('writes the URL’s notes, the address’s and the shortlist’s', () => {
		inLocale('en');
		const q = page('?activite=nope&rayon=0&choix=inconnue');
		expect(pageNotes(q)).toEqual([
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

	it('writes the files’ headers and the site’s cells, the records’ content as written', () => {
		inLocale('de');
		expect(exportHeaders()[0]).toBe('Name');
		expect(exportHeaders()[10]).toBe('Nach dieser Grundlage zugelassen');
		const rows = exportRows(p(), SITE, exportWording());
		const french = exportRows(p(), SITE);
		expect(rows[0][0]).toBe(french[0][0]);
		expect(rows[0][6]).toBe('Umwelt, Energie und Wiederverwendung');
		expect(rows[0][10]).toMatch(/^ja: Struktur der Eingliederung/);
		inLocale('en');
		expect(exportRows(p(), SITE, exportWording())[0][10]).toMatch(/^yes: Work integration organisation/);
	});

	it('writes where a supplier is, place names apart', () => {
		inLocale('en');
		const s = p().matches.find((x) => x.qpv) ?? p().matches[0];
		const parts = supplierWhere(s);
		expect(parts[0]).toEqual({ lead: '', text: s.commune, content: true });
		expect(parts.map((x) => x.text).join('')).not.toMatch(/environ/);
	});
});

describe('where a supplier is, in French', () => {
	it('reads as the page builder’s line', () => {
		for (const qs of SEARCHES)
			for (const s of page(qs).matches) {
				const parts = supplierWhere(s);
				const line = parts.map((w) => w.lead + (w.label ?? '') + w.text).join('');
				expect(line).toBe(s.where);
			}
	});
});
