import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue } from '$lib/domain/catalogue';
import { initiativeSchema } from '$lib/domain/records';
import { testCatalogue } from '$lib/domain/test-catalogue';
import { initiativeFixture } from '$lib/domain/test-fixtures';
import { loadDataset } from '$lib/server/seed/read-data';
import {
	embedLanguage,
	embedQuartierPage,
	iframeSnippet,
	integratePage as integrate,
	readIntegrate,
	type IntegrateValues
} from './embed';

const SITE = 'https://carto.test';
let c: Catalogue;

beforeAll(() => {
	const { dataset } = loadDataset('data');
	c = testCatalogue(
		[
			initiativeSchema.parse(
				initiativeFixture({ id: 'jardin-meinau', slug: 'jardin-meinau', quartierCode: 'SQ_07' })
			)
		],
		{
			communes: dataset.communes,
			quartiers: dataset.quartiers,
			qpv: dataset.qpv,
			thematiques: dataset.thematiques
		}
	);
});

const read = (q: string) => readIntegrate(c, new URLSearchParams(q));
/** Stands for the page's messages (lib/i18n/embed.ts, tested there): says which language and zone it got. */
const title = (v: IntegrateValues, zone: string | undefined) =>
	`[${embedLanguage(v)}] ${v.display === 'quartier' ? 'initiatives' : 'carte'} ${zone ?? '-'}`;
const integratePage = (
	cat: Catalogue,
	params: URLSearchParams,
	site: string,
	pageLanguage: 'fr' | 'de' | 'en' = 'fr'
) => integrate(cat, params, site, { pageLanguage, title });

describe('integratePage', () => {
	it('defaults to the whole map, every layer, 600 px', () => {
		const p = integratePage(c, new URLSearchParams(), SITE);
		expect(p.embedPath).toBe('/embed/carte');
		expect(p.values).toMatchObject({ zone: '', thematique: '', display: 'les-deux', height: 600 });
		expect(p.snippet).toBe(
			'<iframe src="https://carto.test/embed/carte" title="[fr] carte -" width="100%" height="600" style="border:0" loading="lazy"></iframe>'
		);
		expect(p.notes).toEqual([]);
	});

	it('writes the map’s own parameters for a quartier, layers, a thématique and one pane', () => {
		const theme = c.geo.thematiques[0].code;
		const p = integratePage(
			c,
			new URLSearchParams(`zone=SQ_07&couches=initiatives&thematique=${theme}&affichage=liste&hauteur=450`),
			SITE
		);
		expect(p.embedPath).toBe(
			`/embed/carte?couches=initiatives&thematique=${theme}&lieu=SQ_07&affichage=liste`
		);
		expect(p.snippet).toContain('height="450"');
		expect(p.title).toMatch(/Meinau/);
	});

	it('gives the quartier’s simple list by its slug, and needs a zone for it', () => {
		expect(integratePage(c, new URLSearchParams('zone=SQ_07&affichage=quartier'), SITE).embedPath).toBe(
			'/embed/quartier/meinau'
		);
		const { values, notes } = read('affichage=quartier');
		expect(values.display).toBe('les-deux');
		expect(notes[0]).toMatch(/^Affichage : la liste simple demande/);
	});

	it('drops what it cannot read, naming the field and why', () => {
		const { values, notes, issues } = read(
			'zone=SQ_99&couches=licornes&thematique=x&affichage=3d&hauteur=20'
		);
		expect(values).toMatchObject({ zone: '', thematique: '', display: 'les-deux', height: 600 });
		expect(values.layers).toEqual(['structures', 'initiatives', 'financeurs', 'lieux', 'evenements']);
		expect(notes.map((n) => n.split(' :')[0])).toEqual([
			'Zone',
			'Couches',
			'Thématique',
			'Affichage',
			'Hauteur'
		]);
		// The same issues as data, for a form in German or English.
		expect(issues).toEqual([
			{ field: 'zone', value: 'SQ_99' },
			{ field: 'layers', value: 'licornes' },
			{ field: 'thematique', value: 'x' },
			{ field: 'display', value: '3d' },
			{ field: 'height' }
		]);
	});

	it('writes the embed in the chosen language, its frame titled in that language', () => {
		const p = integratePage(c, new URLSearchParams('zone=SQ_07&langue=de'), SITE);
		expect(p.embedPath).toBe('/de/embed/carte?lieu=SQ_07');
		expect(p.title).toBe('[de] carte Meinau');
		expect(p.notes).toEqual([]);
		// From the English form, the embed is English unless another language is chosen.
		expect(integratePage(c, new URLSearchParams(), SITE, 'en').embedPath).toBe('/en/embed/carte');
		expect(integratePage(c, new URLSearchParams('langue=fr'), SITE, 'en').embedPath).toBe('/embed/carte');
	});

	it('embeds the quartier’s simple list in the chosen language; an unknown language is named', () => {
		const p = integratePage(c, new URLSearchParams('zone=SQ_07&affichage=quartier&langue=en'), SITE);
		expect(p.embedPath).toBe('/en/embed/quartier/meinau');
		expect(p.title).toBe('[en] initiatives Meinau');
		expect(p.notes).toEqual([]);
		const { values, notes, issues } = read('langue=klingon');
		expect(values.language).toBe('fr');
		expect(notes).toEqual(['Langue : « klingon » inconnue (fr, de, en), Français est utilisé.']);
		expect(issues).toEqual([{ field: 'language', value: 'klingon', used: 'fr' }]);
	});

	it('escapes the snippet’s attributes', () => {
		expect(iframeSnippet('https://x.test/?a=1&b="2"', 'A & B', 300)).toContain(
			'src="https://x.test/?a=1&amp;b=&quot;2&quot;" title="A &amp; B"'
		);
	});
});

describe('embedQuartierPage', () => {
	it('lists the quartier’s initiatives with links to their records', () => {
		const p = embedQuartierPage(c, 'meinau', SITE)!;
		expect(p.initiatives.map((i) => i.href)).toEqual(['/initiatives/jardin-meinau']);
		expect(p.areaHref).toBe('/quartiers/meinau');
		expect(embedQuartierPage(c, 'nulle-part', SITE)).toBeUndefined();
	});
});
