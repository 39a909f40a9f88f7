/**
 * Every page a person can reach, in one list, for the journeys that must hold on every page (nothing
 * scrolls sideways on a phone, axe stays clean: e2e/phone-walk.spec.ts). A new route gets its line here.
 *
 * A stop is a plain URL, or a function of the fixtures when the URL names something that must exist first
 * (a record, a proposal, an import job). Workspace stops say who must be logged in.
 */
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { createProposal } from '../src/lib/server/db/proposals';
import { getRecordById, insertRecord } from '../src/lib/server/db/records';
import { createNeed, moderateNeed } from '../src/lib/server/needs';
import { gotoReady } from './admin-helpers';
import { e2eStore } from './store';

export interface Fixtures {
	/** The published record of each kind with the most content (long texts and URLs are what overflow). */
	structure: { id: string; slug: string };
	initiative: { slug: string };
	tool: { slug: string };
	/** Three funding tools, for the comparison. */
	tools: string[];
	quartier: string;
	/** Pending proposals: a correction and a new record. */
	proposalChange: string;
	proposalNew: string;
	/** Import jobs: one at the column mapping step, one simulated. */
	importMapping: string;
	importPlanned: string;
	/** A published buyer's need, its private follow-up token, and one waiting for moderation. */
	need: string;
	needToken: string;
}

export interface Stop {
	name: string;
	path: string | ((f: Fixtures) => string);
	/** Logged in with this role (workspace pages). */
	as?: 'editor' | 'admin';
}

export const STOPS: Stop[] = [
	// Public pages.
	{ name: 'accueil', path: '/' },
	{ name: 'carte, liste', path: '/carte' },
	{ name: 'carte, vue carte', path: '/carte?vue=carte' },
	{ name: 'annuaire', path: '/annuaire' },
	{ name: 'annuaire, recherche', path: '/annuaire?q=velo&tri=distance&pres=meinau' },
	{ name: 'structure', path: (f) => `/structures/${f.structure.slug}` },
	{ name: 'initiative', path: (f) => `/initiatives/${f.initiative.slug}` },
	{ name: 'outil de financement', path: (f) => `/financements/${f.tool.slug}` },
	{ name: 'financements', path: '/financements' },
	{ name: 'financements à vérifier', path: '/financements/a-verifier' },
	{ name: 'trouver un financement', path: '/financements/trouver' },
	{
		name: 'trouver un financement, résultats',
		path: '/financements/trouver?structure=association&stade=creation&montant=20000&territoire=67482'
	},
	{ name: 'comparaison', path: (f) => `/financements/comparer?outils=${f.tools.join(',')}` },
	{ name: 'mémo fiscalisées', path: '/financements/memo/fiscalisees' },
	{ name: 'mémo non fiscalisées', path: '/financements/memo/non-fiscalisees' },
	// Support and places.
	{ name: 'créer son activité', path: '/creer' },
	{ name: 'créer son activité, parcours', path: '/creer?projet=cooperative&stade=reprise&territoire=67482' },
	{ name: 'lieux', path: '/lieux' },
	{ name: 'lieu', path: '/lieux/kaleidoscoop-tiers-lieu' },
	{ name: 'lieu, proposer des locaux', path: '/lieux/kaleidoscoop-tiers-lieu/locaux' },
	{ name: 'agenda', path: '/agenda' },
	{
		name: 'agenda, passés filtrés',
		path: '/agenda?passes=1&commune=strasbourg&thematique=innovation-sociale'
	},
	{ name: 'événement', path: '/agenda/mois-de-l-ess-2010-2014' },
	{ name: 'quartiers', path: '/quartiers' },
	{ name: 'quartier', path: (f) => `/quartiers/${f.quartier}` },
	{ name: 'commune', path: '/quartiers/schiltigheim' },
	// Reach: flyers, embeds.
	{ name: 'tract A4', path: (f) => `/quartiers/${f.quartier}/tract` },
	{ name: 'tract A5', path: (f) => `/quartiers/${f.quartier}/tract?format=a5` },
	{ name: 'intégrer', path: '/integrer?zone=SQ_07&affichage=quartier' },
	{ name: 'carte intégrée', path: '/embed/carte?lieu=SQ_07' },
	{ name: 'quartier intégré', path: (f) => `/embed/quartier/${f.quartier}` },
	{ name: 'proposer', path: '/proposer' },
	{ name: 'proposer une initiative', path: '/proposer/initiative' },
	{ name: 'proposer une structure', path: '/proposer/structure' },
	{ name: 'proposer un lieu', path: '/proposer/lieu' },
	{ name: 'proposer un événement', path: '/proposer/evenement' },
	{ name: 'proposer une correction', path: (f) => `/proposer/modification?fiche=${f.structure.id}` },
	{ name: 'proposition reçue', path: '/proposer/merci/ESS-7K3P-9QXA' },
	// Buyers.
	{ name: 'acheter', path: '/acheter' },
	{
		name: 'acheter, résultats',
		path: '/acheter?activite=environnement-reemploi&lieu=strasbourg&base=L2113-13&lot=environnement-reemploi&lot=alimentation&choix=humanis'
	},
	{
		name: 'acheter, note',
		path: '/acheter/note?activite=environnement-reemploi&lieu=strasbourg&base=L2113-15'
	},
	{ name: 'acheter, guide', path: '/acheter/guide' },
	{ name: 'besoins publiés', path: '/acheter/besoins' },
	{ name: 'publier un besoin', path: '/acheter/besoins/publier' },
	{ name: 'besoin publié', path: (f) => `/acheter/besoins/${f.need}` },
	{ name: 'suivi d’un besoin', path: (f) => `/acheter/besoins/suivi/${f.needToken}` },
	{ name: 'données', path: '/donnees' },
	// Observatory.
	{ name: 'observatoire', path: '/observatoire' },
	{
		name: 'observatoire, filtré',
		path: '/observatoire?commune=strasbourg&thematique=initiatives-habitants'
	},
	{ name: 'accessibilité', path: '/accessibilite' },
	{ name: 'confidentialité', path: '/confidentialite' },
	{ name: 'page introuvable', path: '/page-qui-n-existe-pas' },
	{ name: 'connexion', path: '/admin/connexion' },
	// The maintainers' workspace.
	{ name: 'tableau de bord', path: '/admin', as: 'editor' },
	{ name: 'fiches', path: '/admin/fiches', as: 'editor' },
	{ name: 'fiche, formulaire', path: (f) => `/admin/fiches/${f.structure.id}`, as: 'editor' },
	{ name: 'nouvelle fiche', path: '/admin/fiches/nouvelle?type=funding-tool', as: 'editor' },
	{ name: 'historique', path: (f) => `/admin/fiches/${f.structure.id}/historique`, as: 'editor' },
	{ name: 'modération', path: '/admin/moderation', as: 'editor' },
	{ name: 'besoins à modérer', path: '/admin/besoins', as: 'editor' },
	{ name: 'locaux proposés', path: '/admin/locaux', as: 'editor' },
	{ name: 'modération, correction', path: (f) => `/admin/moderation/${f.proposalChange}`, as: 'editor' },
	{ name: 'modération, nouvelle fiche', path: (f) => `/admin/moderation/${f.proposalNew}`, as: 'editor' },
	{ name: 'import', path: '/admin/import', as: 'editor' },
	{ name: 'import, colonnes', path: (f) => `/admin/import/${f.importMapping}`, as: 'editor' },
	{ name: 'import, simulation', path: (f) => `/admin/import/${f.importPlanned}`, as: 'editor' },
	{ name: 'doublons', path: '/admin/doublons', as: 'editor' },
	{ name: 'fraîcheur', path: '/admin/fraicheur', as: 'editor' },
	{ name: 'indicateurs', path: '/admin/indicateurs', as: 'editor' },
	{ name: 'export', path: '/admin/export', as: 'editor' },
	{ name: 'comptes', path: '/admin/comptes', as: 'admin' }
	// Routes of branches not merged yet get their line here when they land (the contact relay's
	// /contacter/…, /admin/messages and /proposer/suivi/…, the merge screen of /admin/doublons).
];

export function stopPath(stop: Stop, f: Fixtures): string {
	return typeof stop.path === 'string' ? stop.path : stop.path(f);
}

/** The item with the most content in a public API collection. */
async function richest<T>(request: APIRequestContext, collection: string): Promise<T> {
	const res = await request.get(`/api/v1/${collection}?limit=1000`);
	expect(res.ok()).toBe(true);
	const items = (await res.json()).items as T[];
	return items.reduce((a, b) => (JSON.stringify(b).length > JSON.stringify(a).length ? b : a));
}

/** A small CSV in the importer's columns (two rows, one of them wrong, so the plan shows an error). */
const IMPORT_CSV = [
	'Nom;Description;roles;Forme juridique;isEss;Commune;sources;lastVerified;confidence',
	'Structure importée pour la visite des pages;Importée par le parcours des pages sur téléphone, avec une description assez longue pour passer à la ligne.;acteur;association;oui;67482;https://exemple.org/une-adresse-web-assez-longue-pour-devoir-etre-coupee-sur-un-telephone;2026-11-01;medium',
	'Autre structure importée;Commune inconnue.;acteur;association;oui;99999;https://exemple.org/2;2026-11-01;medium'
].join('\r\n');

async function uploadImport(page: Page, name: string): Promise<string> {
	await gotoReady(page, '/admin/import');
	await page.getByLabel('Type de fiches').selectOption('organisation');
	await page
		.getByLabel('Fichier')
		.setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(IMPORT_CSV) });
	await page.getByRole('button', { name: 'Envoyer et associer les colonnes' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Import de « ${name} »`);
	return new URL(page.url()).pathname.split('/').pop()!;
}

/**
 * What the stops need: read from the public API, written with the store's own functions (proposals, a pair
 * of synthetic drafts for the duplicates page), and uploaded through the workspace (import jobs) by a
 * logged-in editor's page.
 */
export async function prepareFixtures(request: APIRequestContext, editor: Page): Promise<Fixtures> {
	const structure = await richest<{ id: string; slug: string }>(request, 'organisations');
	const initiative = await richest<{ slug: string }>(request, 'initiatives');
	const tool = await richest<{ slug: string }>(request, 'funding-tools');
	const tools = (
		(await (await request.get('/api/v1/funding-tools?limit=3')).json()).items as { id: string }[]
	).map((t) => t.id);
	const quartier = ((await (await request.get('/api/v1/quartiers')).json()).items as { slug: string }[])[0]
		.slug;

	const db = await e2eStore();
	const change = await createProposal(db, {
		type: 'change',
		targetId: structure.id,
		payload: {
			targetId: structure.id,
			changes: {
				description:
					'Une description corrigée, longue, avec une adresse https://exemple.org/une-adresse-web-tres-longue-sans-espace-aucun-pour-voir-si-elle-se-coupe',
				phone: '03 88 12 34 56'
			},
			explanation: 'Correction proposée par le parcours des pages sur téléphone.'
		}
	});
	const fresh = await createProposal(db, {
		type: 'new-organisation',
		payload: {
			name: 'Recyclerie proposée pendant la visite des pages',
			description: 'Une recyclerie proposée par un visiteur pendant le parcours des pages sur téléphone.',
			legalForm: 'association-droit-local',
			roles: ['acteur'],
			sectors: ['reemploi'],
			thematiques: [],
			place: {
				communeCode: '67482',
				locationMode: 'quartier',
				lon: 7.7521,
				lat: 48.5734,
				precision: 'commune'
			}
		},
		submitterEmail: 'visiteur-telephone@example.org'
	});
	// Two drafts with the same SIRET: the duplicates page has a pair to show, and no public page changes.
	const draft = {
		kind: 'organisation' as const,
		description: 'Doublon créé par le parcours des pages sur téléphone.',
		status: 'draft' as const,
		sources: [{ reference: 'Test (synthétique)', seen: '2026-11-01' }],
		lastVerified: '2026-11-01',
		confidence: 'low' as const,
		caveats: [],
		synthetic: true,
		roles: ['acteur' as const],
		legalForm: 'association-declaree' as const,
		isEss: true,
		approvals: [],
		fiscalStatus: 'inconnu' as const,
		thematiques: [],
		sectors: [],
		tags: [],
		contact: {},
		siret: '99999999900029',
		communeCode: '67482'
	};
	// A worker restarted after a failure prepares again: the drafts may already be there.
	for (const [id, name] of [
		['telephone-doublon-a', 'Recyclerie du parcours téléphone (synthétique)'],
		['telephone-doublon-b', 'La Recyclerie du parcours téléphone (synthétique)']
	])
		if (!(await getRecordById(db, id))) await insertRecord(db, { ...draft, id, slug: id, name });
	// A need with long words and an address in its text (what overflows), published; and one to moderate.
	const needText = {
		titre: 'Entretien des espaces verts du parcours téléphone',
		activite: 'environnement-reemploi' as const,
		lieu: 'strasbourg',
		base: 'L2113-13' as const,
		echeance: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
		description:
			'Tonte et taille sur quatre sites ; cahier des charges : https://exemple.org/une-adresse-web-tres-longue-sans-espace-aucun-pour-voir-si-elle-se-coupe',
		acheteur: 'Acheteur du parcours des pages',
		email: 'acheteur-telephone@example.org'
	};
	const published = await createNeed(db, needText);
	await moderateNeed(db, published.id, 'approve', 'parcours');
	await createNeed(db, { ...needText, titre: 'Besoin en attente du parcours téléphone' });
	await db.close();

	const importMapping = await uploadImport(editor, 'visite-colonnes.csv');
	const importPlanned = await uploadImport(editor, 'visite-simulation.csv');
	await editor.getByRole('button', { name: 'Lancer la simulation' }).click();
	await expect(editor.getByRole('heading', { name: /Simulation : ce que l’import ferait/ })).toBeVisible({
		timeout: 15_000
	});
	return {
		structure,
		initiative,
		tool,
		tools,
		quartier,
		proposalChange: change.id,
		proposalNew: fresh.id,
		importMapping,
		importPlanned,
		need: published.id,
		needToken: published.token
	};
}
