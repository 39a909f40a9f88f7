import { describe, expect, it } from 'vitest';
import { serializeJsonLd } from './json-ld';
import { organisationPage } from './structure';
import { testCatalogue } from '$lib/domain/test-catalogue';
import { organisationSchema } from '$lib/domain/records';
import { organisationFixture } from '$lib/domain/test-fixtures';
import { communes, directoryCatalogue, directoryRecords, quartiers, SITE, thematiques } from './test-data';

const catalogue = directoryCatalogue();

describe('organisationPage', () => {
	it('gives an organisation its place, labels, related records and fitting tools', () => {
		const p = organisationPage(catalogue, 'bretzselle', SITE)!;
		expect(p.place.quartier).toEqual({ name: 'Meinau', slug: 'meinau' });
		expect(p.labels.legalForm).toBe('Association inscrite de droit local (Alsace-Moselle)');
		expect(p.carried.map((r) => r.id)).toEqual(['atelier-mobile']);
		expect(p.sameQuartier.map((r) => r.id)).toEqual(['atelier-mobile']);
		expect(p.sameThematique.map((r) => r.id)).toEqual(['scop-velo']);
		// Non fiscalisée association: the association grant fits, the prêt d'honneur (porteur, fiscalisée) does not.
		expect(p.funding!.tools.map((t) => t.id)).toEqual(['subvention-asso']);
		expect(p.funding!.finderHref).toBe(
			'/financements/trouver?structure=association&forme=association-droit-local&territoire=67482'
		);
		expect(p.mapHref).toBe('/carte?sel=bretzselle');
		expect(p.canonical).toBe(`${SITE}/structures/bretzselle`);
	});
	it('links the map by id, so « Voir sur la carte » still selects the place after its slug changed', () => {
		const renamed = directoryRecords.map((r) => (r.id === 'bretzselle' ? { ...r, slug: 'bretz-selle' } : r));
		const c = testCatalogue(renamed, { communes, quartiers, thematiques });
		expect(organisationPage(c, 'bretzselle', SITE)).toBeUndefined();
		const p = organisationPage(c, 'bretz-selle', SITE)!;
		expect(p.mapHref).toBe('/carte?sel=bretzselle');
		expect(p.canonical).toBe(`${SITE}/structures/bretz-selle`);
	});
	it('lists the tools a financeur provides and offers it no funding list', () => {
		const p = organisationPage(catalogue, 'financeur', SITE)!;
		expect(p.provided.map((t) => t.id).sort()).toEqual(['pret-honneur', 'subvention-asso']);
		expect(p.funding).toBeUndefined();
		// Outside Strasbourg the neighbours are the commune's.
		expect(p.sameQuartier).toEqual([]);
	});
	it('fits tools to a fiscalisée cooperative', () => {
		expect(organisationPage(catalogue, 'scop-velo', SITE)!.funding!.tools.map((t) => t.id)).toEqual([
			'pret-honneur'
		]);
	});
	it('writes JSON-LD that no record text can break out of', () => {
		const p = organisationPage(catalogue, 'bretzselle', SITE)!;
		expect(p.jsonLd).not.toContain('<');
		const ld = JSON.parse(p.jsonLd);
		expect(ld['@type']).toBe('NGO');
		expect(ld.description).toContain('<script>');
		expect(ld.address.addressLocality).toBe('Strasbourg');
		// A quartier reference point is not the place's position: no coordinates are claimed.
		expect(ld.location.geo).toBeUndefined();
		expect(serializeJsonLd({ a: '</script>\u2028' })).toBe('{"a":"\\u003c/script\\u003e\\u2028"}');
	});

	it('finds nothing for unknown, unpublished or other-kind slugs', () => {
		expect(organisationPage(catalogue, 'inconnu', SITE)).toBeUndefined();
		expect(organisationPage(catalogue, 'brouillon', SITE)).toBeUndefined();
		expect(organisationPage(catalogue, 'atelier-mobile', SITE)).toBeUndefined();
	});
});

describe('supplier kinds on the structure page', () => {
	it('shows each approval with the publication that proves it, or none', () => {
		const o = organisationSchema.parse(
			organisationFixture({
				id: 'atelier-aci',
				slug: 'atelier-aci',
				approvals: ['aci', 'esus'],
				approvalProofs: { aci: { title: 'Un article', site: 'Un journal', date: '2026-11-29' } }
			})
		);
		const p = organisationPage(
			testCatalogue([o], { communes, quartiers, thematiques }),
			'atelier-aci',
			SITE
		)!;
		expect(p.kinds).toEqual([
			{
				code: 'aci',
				label: "Atelier et chantier d'insertion (ACI)",
				proof: { title: 'Un article', site: 'Un journal', date: '29 novembre 2026', iso: '2026-11-29' }
			},
			{ code: 'esus', label: "Agrément ESUS (entreprise solidaire d'utilité sociale)", proof: undefined }
		]);
	});
});
