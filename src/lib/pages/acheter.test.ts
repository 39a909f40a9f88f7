import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue } from '$lib/domain/catalogue';
import { seedCatalogue } from '$lib/server/seed/read-data';
import { EXPORT_HEADERS, acheterGuidePage, acheterNotePage, acheterPage, exportRows } from './acheter';

let catalogue: Catalogue;
const SITE = 'https://carto.test';
const page = (qs: string) => acheterPage(catalogue, new URL(`${SITE}/acheter${qs}`));

beforeAll(() => {
	catalogue = seedCatalogue();
});

describe('acheterPage', () => {
	it('shows no results before a question, the form with every basis', () => {
		const p = page('');
		expect(p.searched).toBe(false);
		expect(p.form.bases.map((b) => b.value)).toEqual([
			'L2113-12',
			'L2113-13',
			'L2113-14',
			'L2113-15',
			'clause',
			'libre'
		]);
	});

	it('exports one row per supplier shown, in the page’s order, with the proof and the basis', () => {
		const p = page('?activite=environnement-reemploi&lieu=strasbourg&base=L2113-13');
		const rows = exportRows(p, SITE);
		expect(rows.map((r) => r[0])).toEqual(p.matches.map((s) => s.name));
		expect(rows.every((r) => r.length === EXPORT_HEADERS.length)).toBe(true);
		const envie = rows.find((r) => r[0] === 'Envie Strasbourg')!;
		expect(envie[7]).toMatch(/Entreprise d'insertion \(EI\)/);
		expect(envie[8]).toMatch(/France Bleu, https:\/\/www\.francebleu\.fr\/.*, 29 novembre 2026/);
		expect(envie[10]).toMatch(/^oui : /);
		expect(envie[14]).toBe(`${SITE}/structures/${catalogue.byId.get('envie-strasbourg')!.record.slug}`);
	});

	it('shows the first suppliers of a long list, nearest first, with the whole count; the files hold all', () => {
		const qs = '?lieu=strasbourg&base=L2113-13';
		const all = page(qs);
		expect(all.matchesTotal).toBeGreaterThan(2);
		expect(all.cutAt).toBeUndefined();
		const cut = acheterPage(catalogue, new URL(`${SITE}/acheter${qs}`), undefined, 2);
		expect(cut.matches.map((s) => s.id)).toEqual(all.matches.slice(0, 2).map((s) => s.id));
		expect(cut.matchesTotal).toBe(all.matches.length);
		expect(cut.apartTotal).toBe(all.apart.length);
		expect(cut.apart.length).toBe(Math.min(2, all.apart.length));
		expect(cut.cutAt).toBe(2);
		// The files are built from the page without a limit: every supplier.
		expect(exportRows(all, SITE)).toHaveLength(all.matchesTotal);
	});

	it('exports the shortlist instead when there is one, and toggles it through links', () => {
		const p = page('?activite=environnement-reemploi&lieu=strasbourg&base=L2113-13&choix=humanis');
		expect(p.exported).toBe('selection');
		expect(exportRows(p, SITE).map((r) => r[0])).toEqual(['Humanis']);
		const humanis = p.matches.find((s) => s.id === 'humanis')!;
		expect(humanis.chosen).toBe(true);
		expect(humanis.toggleHref).not.toContain('choix=');
		const envie = p.matches.find((s) => s.id === 'envie-strasbourg')!;
		expect(envie.toggleHref).toContain('choix=humanis&choix=envie-strasbourg');
		expect(p.links.csv).toBe(
			'/acheter/export.csv?activite=environnement-reemploi&lieu=strasbourg&base=L2113-13&choix=humanis'
		);
	});

	it('the note holds every exported supplier, the need and the licence', () => {
		const n = acheterNotePage(
			catalogue,
			new URL(`${SITE}/acheter/note?activite=environnement-reemploi&lieu=strasbourg&base=L2113-15`),
			SITE,
			'2026-12-04'
		);
		expect(n.suppliers.map((s) => s.id)).toEqual(n.page.matches.map((s) => s.id));
		expect(n.need.map((x) => x.label)).toEqual(['Activité', 'Lieu d’exécution', 'Base juridique']);
		expect(n.printedOn).toBe('4 décembre 2026');
	});

	it('the guide lists the facilitators the data holds', () => {
		expect(acheterGuidePage(catalogue).facilitators.map((f) => f.name)).toContain('Relais Chantiers');
	});
});
