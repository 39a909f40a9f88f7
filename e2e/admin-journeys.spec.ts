/**
 * The maintainers' journeys through the workspace: edit then see it public, history and restore, two people editing the
 * same record, moderation, an import with bad rows then fixed, an export imported again, freshness,
 * duplicates, accounts and sessions. Each test makes its own data and checks the store where it matters.
 */
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures';
import { readFileSync } from 'node:fs';
import { createProposal, getProposal } from '../src/lib/server/db/proposals';
import { getRecordById, insertRecord, listHistory, updateRecord } from '../src/lib/server/db/records';
import { organisationSchema, type PublicRecord } from '../src/lib/domain/records';
import { organisationFixture } from '../src/lib/domain/test-fixtures';
import { expectNoAxeViolations, expectOneH1, watchErrors } from './helpers';
import { PASSWORD, ensureAccount, gotoReady, login } from './admin-helpers';
import { e2eStore } from './store';

const EDITOR = 'camille-edition@example.org';
const ADMIN = 'alex-admin@example.org';

test.beforeAll(async () => {
	await ensureAccount(EDITOR, 'Camille Édition', 'editor');
	await ensureAccount(ADMIN, 'Alex Admin', 'admin');
});

/** A published organisation of the seed, and its current name. */
async function seedOrganisation(page: Page, index: number): Promise<{ id: string; name: string }> {
	const res = await page.request.get(`/api/v1/organisations?limit=1&offset=${index}`);
	const item = (await res.json()).items[0];
	return { id: item.id, name: item.name };
}

async function publicName(page: Page, id: string): Promise<string | undefined> {
	const res = await page.request.get('/api/v1/organisations?limit=1000');
	return ((await res.json()).items as { id: string; name: string }[]).find((o) => o.id === id)?.name;
}

test('log in, edit a structure, see it public, see the diff in its history, restore the previous version', async ({
	page
}) => {
	const errors = watchErrors(page);
	const org = await seedOrganisation(page, 3);
	await login(page, EDITOR);
	await expectOneH1(page);
	await expectNoAxeViolations(page);

	await gotoReady(page, `/admin/fiches/${org.id}`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Modifier « ${org.name} »`);
	await expectNoAxeViolations(page);
	const newName = `${org.name} (renommée en test)`;
	await page.getByRole('textbox', { name: 'Nom', exact: true }).fill(newName);
	await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
	await expect(page.getByRole('status')).toContainText('Modifications enregistrées (version 2)');
	expect(await publicName(page, org.id)).toBe(newName);
	await page.getByRole('link', { name: 'Voir la page publique' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(newName);

	await page.goBack();
	await page.getByRole('link', { name: 'Historique des versions' }).click();
	await expectOneH1(page);
	const latest = page.getByRole('listitem').filter({ hasText: 'Version 2 · modification' });
	await expect(latest.getByRole('table')).toContainText(org.name);
	await expect(latest.getByRole('table')).toContainText(newName);
	await expect(latest).toContainText('par Camille Édition');
	await expectNoAxeViolations(page);

	await page.getByRole('button', { name: 'Restaurer cette version (v1)' }).click();
	await expect(page.getByRole('status')).toContainText('Version 1 restaurée : elle est devenue la version 3');
	expect(await publicName(page, org.id)).toBe(org.name);
	const db = await e2eStore();
	expect((await listHistory(db, org.id)).map((h) => h.action)).toEqual(['restore', 'update', 'seed']);
	await db.close();
	expect(errors).toEqual([]);
});

test('a slug changed in the workspace: the old address answers 404, and « Voir sur la carte » still selects the record', async ({
	page
}) => {
	const errors = watchErrors(page);
	// Its own record, so the other journeys' records keep their addresses.
	const name = 'Atelier Lien Carte (synthétique)';
	const db = await e2eStore();
	await insertRecord(
		db,
		organisationSchema.parse(
			organisationFixture({
				id: 'lien-carte-test',
				slug: 'lien-carte-test',
				name,
				address: '1 place Kléber',
				location: { lon: 7.7455, lat: 48.5834, precision: 'address' }
			})
		)
	);
	await db.close();
	expect((await page.request.get('/structures/lien-carte-test')).status()).toBe(200);

	await login(page, EDITOR);
	await gotoReady(page, '/admin/fiches/lien-carte-test');
	await page.getByRole('textbox', { name: 'Adresse de la page (slug)' }).fill('atelier-lien-carte');
	await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
	await expect(page.getByRole('status')).toContainText('Modifications enregistrées (version 2)');

	// Today's behaviour: the old address is gone (404), there is no redirect to the new one.
	const old = await page.request.get('/structures/lien-carte-test', { maxRedirects: 0 });
	expect(old.status()).toBe(404);

	await page.getByRole('link', { name: 'Voir la page publique' }).click();
	await expect(page).toHaveURL(/\/structures\/atelier-lien-carte$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
	await page.getByTestId('map-slot').getByRole('link', { name: 'Voir sur la carte', exact: true }).click();
	await expect(page.getByTestId('selection').getByRole('heading', { level: 2 })).toHaveText(name);
	await expect(page).toHaveURL(/\/carte\?(?:.*&)?sel=lien-carte-test(?:&|$)/);
	await expect(page.getByTestId('selection').getByRole('link', { name: /Voir la fiche/ })).toHaveAttribute(
		'href',
		'/structures/atelier-lien-carte'
	);
	expect(errors).toEqual([]);
});

test('the address is geocoded with the public forms’ geocoder (its local double) and the precision is explicit', async ({
	page
}) => {
	await login(page, EDITOR);
	await gotoReady(page, '/admin/fiches/nouvelle?type=initiative');
	await page.getByRole('textbox', { name: 'Adresse', exact: true }).fill('67 avenue Racine');
	await page.getByRole('combobox', { name: 'Commune' }).selectOption('67482');
	await page.getByRole('button', { name: 'Géocoder l’adresse' }).click();
	await expect(page.getByRole('status')).toContainText(
		'Adresse trouvée : « 67 Avenue Racine 67200 Strasbourg »'
	);
	await expect(page.getByRole('textbox', { name: 'Longitude' })).toHaveValue('7.7021');
	await expect(page.getByRole('textbox', { name: 'Latitude' })).toHaveValue('48.5948');
	await expect(page.getByRole('combobox', { name: 'Précision de la position' })).toHaveValue('address');
	await expect(page.getByRole('textbox', { name: 'Adresse', exact: true })).toHaveValue('67 avenue Racine');

	await page.getByRole('textbox', { name: 'Adresse', exact: true }).fill('rue en panne');
	await page.getByRole('button', { name: 'Géocoder l’adresse' }).click();
	await expect(page.getByRole('status')).toContainText('Géocodage impossible (service indisponible');
	await expectNoAxeViolations(page);
});

test('two people editing the same record meet the conflict screen, and nothing is lost', async ({
	browser
}) => {
	const a = await browser.newContext();
	const b = await browser.newContext();
	const pa = await a.newPage();
	const pb = await b.newPage();
	const org = await seedOrganisation(pa, 5);
	await login(pa, EDITOR);
	await login(pb, ADMIN);
	await gotoReady(pa, `/admin/fiches/${org.id}`);
	await gotoReady(pb, `/admin/fiches/${org.id}`);

	await pa.getByRole('textbox', { name: 'Description', exact: true }).fill('Description écrite par Camille.');
	await pa.getByRole('button', { name: 'Enregistrer', exact: true }).click();
	await expect(pa.getByRole('status')).toContainText('version 2');

	await pb.getByRole('textbox', { name: 'Description', exact: true }).fill('Description écrite par Alex.');
	await pb.getByRole('button', { name: 'Enregistrer', exact: true }).click();
	const conflict = pb.getByRole('region', { name: /Conflit/ });
	await expect(conflict).toBeVisible();
	await expect(conflict).toContainText('Camille Édition a enregistré la version 2');
	const table = conflict.getByRole('table');
	await expect(table.getByRole('columnheader', { name: /Version enregistrée/ })).toBeVisible();
	await expect(table.getByRole('columnheader', { name: /Votre version/ })).toBeVisible();
	await expect(table).toContainText('Description écrite par Camille.');
	await expect(table).toContainText('Description écrite par Alex.');
	await expectNoAxeViolations(pb);
	let db = await e2eStore();
	expect((await getRecordById(db, org.id))?.description).toBe('Description écrite par Camille.');
	await db.close();

	await conflict.getByRole('button', { name: 'Enregistrer ma version à la place' }).click();
	await expect(pb.getByRole('status')).toContainText('version 3');
	db = await e2eStore();
	expect((await getRecordById(db, org.id))?.description).toBe('Description écrite par Alex.');
	expect((await listHistory(db, org.id))[1].data.description).toBe('Description écrite par Camille.');
	await db.close();
	await a.close();
	await b.close();
});

test('moderation: approve a correction, reject one with a reason, approve a new structure after editing', async ({
	page
}) => {
	const org = await seedOrganisation(page, 7);
	const db = await e2eStore();
	const good = await createProposal(db, {
		type: 'change',
		targetId: org.id,
		payload: {
			targetId: org.id,
			changes: { phone: '03 88 12 34 56' },
			explanation: 'Nouveau numéro affiché à l’accueil.'
		}
	});
	const spam = await createProposal(db, {
		type: 'change',
		targetId: org.id,
		payload: {
			targetId: org.id,
			changes: { name: 'Achetez maintenant' },
			explanation: 'Publicité sans rapport.'
		}
	});
	const fresh = await createProposal(db, {
		type: 'new-organisation',
		payload: {
			name: 'Recyclerie proposée en test',
			description: 'Une recyclerie proposée par un visiteur pendant les tests.',
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
		submitterEmail: 'visiteur@example.org'
	});
	await db.close();
	await login(page, EDITOR);

	await page.goto('/admin/moderation');
	await expectNoAxeViolations(page);
	await page.getByRole('link', { name: org.name }).first().click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText(/Correction d’une fiche/);
	await page.goto(`/admin/moderation/${good.id}`);
	await expect(page.getByRole('table')).toContainText('03 88 12 34 56');
	await expectNoAxeViolations(page);
	await page.getByRole('button', { name: 'Approuver' }).click();
	await expect(page.getByRole('status')).toContainText('Proposition approuvée');

	await gotoReady(page, `/admin/moderation/${spam.id}`);
	await page.getByLabel(/Raison du refus/).fill('  ');
	await page.getByRole('button', { name: 'Refuser' }).click();
	await expect(page.getByText('indiquez la raison du refus')).toBeVisible();
	await page.getByLabel(/Raison du refus/).fill('Contenu publicitaire.');
	await page.getByRole('button', { name: 'Refuser' }).click();
	await expect(page.getByRole('status')).toContainText('Proposition refusée');

	await page.goto(`/admin/moderation/${fresh.id}`);
	await page.getByRole('link', { name: 'Modifier puis approuver' }).click();
	await page.waitForLoadState('networkidle');
	await expect(page.getByRole('textbox', { name: 'Nom', exact: true })).toHaveValue(
		'Recyclerie proposée en test'
	);
	await page.getByRole('textbox', { name: 'Nom', exact: true }).fill('Recyclerie du test');
	await page.getByRole('button', { name: 'Créer la fiche et approuver' }).click();
	await expect(page.getByRole('status')).toContainText('Proposition approuvée');

	const check = await e2eStore();
	expect(await getRecordById(check, org.id)).toMatchObject({ contact: { phone: '03 88 12 34 56' } });
	expect((await getRecordById(check, org.id))?.name).not.toBe('Achetez maintenant');
	expect(await getProposal(check, spam.id)).toMatchObject({
		status: 'rejected',
		decisionReason: 'Contenu publicitaire.'
	});
	expect(await getRecordById(check, 'recyclerie-proposee-en-test')).toMatchObject({
		name: 'Recyclerie du test',
		confidence: 'low'
	});
	expect((await getProposal(check, fresh.id))?.status).toBe('approved');
	await check.close();
});

const HEADER = 'Nom;Description;roles;Forme juridique;isEss;Commune;sources;lastVerified;confidence';
const row = (n: number, over: Partial<Record<'commune' | 'ess' | 'confidence', string>> = {}) =>
	`Structure importée ${n};Importée par le test de bout en bout.;acteur;association;${over.ess ?? 'oui'};${over.commune ?? '67482'};https://exemple.org/${n};2026-11-01;${over.confidence ?? 'medium'}`;

async function upload(page: Page, name: string, content: string | Buffer, mimeType = 'text/csv') {
	await gotoReady(page, '/admin/import');
	await page.getByLabel('Type de fiches').selectOption('organisation');
	await page
		.getByLabel('Fichier')
		.setInputFiles({ name, mimeType, buffer: Buffer.isBuffer(content) ? content : Buffer.from(content) });
	await page.getByRole('button', { name: 'Envoyer et associer les colonnes' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Import de « ${name} »`);
	await page.getByRole('button', { name: 'Lancer la simulation' }).click();
	await expect(page.getByRole('heading', { name: /Simulation : ce que l’import ferait/ })).toBeVisible({
		timeout: 15_000
	});
}

test('a CSV with three bad rows shows the errors and writes nothing until it is fixed', async ({ page }) => {
	await login(page, EDITOR);
	const bad = [
		HEADER,
		row(1),
		row(2, { commune: '99999' }),
		row(3, { ess: 'peut-être' }),
		row(4),
		row(5, { confidence: 'certaine' })
	].join('\r\n');
	await upload(page, 'structures-a-corriger.csv', bad);
	await expectNoAxeViolations(page);
	await expect(page.getByText('3 lignes en erreur : rien ne sera écrit')).toBeVisible();
	await expect(page.getByRole('button', { name: /Appliquer l’import/ })).toHaveCount(0);
	await page.getByRole('link', { name: 'Erreur', exact: true }).click();
	const plan = page.getByRole('table', { name: 'Lignes du fichier et leur résultat' });
	await expect(plan.getByRole('row')).toHaveCount(4);
	await expect(plan).toContainText('commune inconnue « 99999 »');
	await expect(plan).toContainText('colonne « isEss » : oui ou non attendu');
	await expect(plan).toContainText('colonne « confidence »');
	// Nothing of the file is written (the data version is no witness: other journeys write in parallel).
	let check = await e2eStore();
	for (const n of [1, 2, 3, 4, 5])
		expect(await getRecordById(check, `structure-importee-${n}`)).toBeUndefined();
	await check.close();

	// Fixed, in Windows-1252 with semicolons as Excel writes it: now everything is applied at once.
	const fixed = [HEADER, row(1), row(2), row(3), row(4), row(5)].join('\r\n');
	await upload(page, 'structures-corrigees.csv', Buffer.from(fixed, 'latin1'));
	await expect(page.getByText('encodage windows-1252')).toBeVisible();
	await page.getByRole('button', { name: 'Appliquer l’import (5 nouvelles, 0 mise à jour)' }).click();
	await expect(page.getByRole('status')).toContainText('5 fiches créées', { timeout: 15_000 });
	check = await e2eStore();
	expect(await getRecordById(check, 'structure-importee-2')).toMatchObject({
		status: 'draft',
		isEss: true,
		name: 'Structure importée 2'
	});
	await check.close();
});

test('an export imported again changes nothing', async ({ page }) => {
	await login(page, ADMIN);
	await page.goto('/admin/export');
	await expectOneH1(page);
	await expectNoAxeViolations(page);
	const download = page.waitForEvent('download');
	await page.getByRole('link', { name: 'CSV pour Excel (point-virgule) (Structure)' }).click();
	const file = await (await download).path();
	await upload(page, 'export-structures.csv', readFileSync(file));
	await expect(page.getByText('Rien à changer')).toBeVisible();
	const counts = page.locator('ul.counts');
	await expect(counts).toContainText('0 nouvelle');
	await expect(counts).toContainText('0 mise à jour');
	await expect(counts).toContainText('0 en erreur');
	// No button to apply: there is nothing to write (the store's data version is no witness here, since
	// other journeys write to it in parallel).
	await expect(page.getByRole('button', { name: /Appliquer l’import/ })).toHaveCount(0);

	const pub = await page.request.get('/api/v1/export/organisations.geojson');
	expect(pub.headers()['link']).toContain('rel="license"');
	const body = await pub.json();
	expect(body.licence.id).toBe('etalab-2.0');
	expect(
		body.features.every((f: { properties: { status: string } }) => f.properties.status === 'published')
	).toBe(true);
});

test('freshness: a record not verified for a year is listed, and « Toujours exact » dates it today', async ({
	page
}) => {
	const org = await seedOrganisation(page, 9);
	const db = await e2eStore();
	const current = (await getRecordById(db, org.id))!;
	const { version, ...record } = current;
	await updateRecord(
		db,
		{ ...(record as PublicRecord), lastVerified: '2025-01-15' },
		{ expectedVersion: version, by: null, note: 'test : fiche ancienne' }
	);
	await db.close();
	await login(page, EDITOR);
	await page.goto('/admin/fraicheur');
	await expectNoAxeViolations(page);
	const line = page.getByRole('row').filter({ hasText: org.name });
	await expect(line).toContainText('2025-01-15');
	await line.getByRole('button', { name: /Toujours exact/ }).click();
	await expect(page.getByRole('status')).toContainText('vérifiée aujourd’hui');
	await expect(page.getByRole('row').filter({ hasText: org.name })).toHaveCount(0);
	const check = await e2eStore();
	expect((await getRecordById(check, org.id))?.lastVerified).toBe(
		new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date())
	);
	await check.close();
});

test('duplicates: the same SIRET is flagged, merging archives one and keeps the history', async ({
	page
}) => {
	const db = await e2eStore();
	const base = {
		kind: 'organisation' as const,
		description: 'Doublon créé par le test.',
		status: 'published' as const,
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
		siret: '99999999900011',
		communeCode: '67482'
	};
	await insertRecord(db, {
		...base,
		id: 'doublon-test-a',
		slug: 'doublon-test-a',
		name: 'Atelier Doublon (synthétique)',
		contact: { email: 'a@example.org' }
	});
	await insertRecord(db, {
		...base,
		id: 'doublon-test-b',
		slug: 'doublon-test-b',
		name: 'L’Atelier Doublon (synthétique)'
	});
	await db.close();
	await login(page, EDITOR);
	await page.goto('/admin/doublons');
	await expectNoAxeViolations(page);
	const pair = page.getByRole('region', { name: /Atelier Doublon/ });
	await expect(pair).toContainText('même SIRET');
	await pair.getByRole('radio', { name: /L’Atelier Doublon/ }).check();
	await pair.getByRole('button', { name: 'Fusionner' }).click();

	// Side by side, field by field, with what the merge keeps; nothing is written before the confirmation.
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Fusionner deux fiches');
	const table = page.getByRole('table', { name: /Champ par champ/ });
	await expect(table.getByRole('columnheader', { name: /Gardée : « L’Atelier Doublon/ })).toBeVisible();
	await expect(table.getByRole('columnheader', { name: /Archivée : « Atelier Doublon/ })).toBeVisible();
	const email = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'E-mail' }) });
	await expect(email.getByRole('cell')).toHaveText([
		'(vide)',
		'a@example.org',
		'a@example.org',
		/complète si vide · complétée par l’autre fiche/
	]);
	const commune = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Commune' }) });
	await expect(commune.getByRole('cell').first()).toHaveText('Strasbourg');
	await expectOneH1(page);
	await expectNoAxeViolations(page);
	let before = await e2eStore();
	expect((await getRecordById(before, 'doublon-test-a'))?.status).toBe('published');
	await before.close();
	// Keeping the other one instead is one link away, and the page says so again.
	await page.getByRole('link', { name: 'Garder plutôt « Atelier Doublon (synthétique) »' }).click();
	await expect(table.getByRole('columnheader', { name: /Gardée : « Atelier Doublon/ })).toBeVisible();
	await page.getByRole('link', { name: 'Garder plutôt « L’Atelier Doublon (synthétique) »' }).click();
	before = await e2eStore();
	expect((await getRecordById(before, 'doublon-test-a'))?.status).toBe('published');
	await before.close();
	await page.getByRole('button', { name: 'Confirmer la fusion' }).click();
	await expect(page.getByRole('status')).toContainText('Fiches fusionnées');
	const check = await e2eStore();
	expect((await getRecordById(check, 'doublon-test-a'))?.status).toBe('archived');
	expect(await getRecordById(check, 'doublon-test-b')).toMatchObject({
		status: 'published',
		contact: { email: 'a@example.org' }
	});
	expect((await listHistory(check, 'doublon-test-b'))[0]).toMatchObject({ action: 'merge' });
	await check.close();
});

test('accounts: an admin creates an editor, who cannot open the accounts page; disabling ends the session', async ({
	browser
}) => {
	const adminCtx = await browser.newContext();
	const admin = await adminCtx.newPage();
	await login(admin, ADMIN);
	await gotoReady(admin, '/admin/comptes');
	await expectNoAxeViolations(admin);
	const email = `nouvelle-${Date.now()}@example.org`;
	await admin.getByLabel('Nom', { exact: true }).fill('Nouvelle Personne');
	await admin.getByLabel('E-mail', { exact: true }).fill(email);
	await admin.getByLabel(/Mot de passe initial/).fill('court');
	await admin.getByRole('button', { name: 'Créer le compte' }).click();
	await expect(admin.getByText('mot de passe trop court')).toBeVisible();
	await admin.getByLabel(/Mot de passe initial/).fill(PASSWORD);
	await admin.getByRole('button', { name: 'Créer le compte' }).click();
	await expect(admin.getByRole('status')).toContainText('Compte enregistré');

	const userCtx = await browser.newContext();
	const user = await userCtx.newPage();
	await login(user, email);
	const cookie = (await userCtx.cookies()).find((c) => c.name === 'carto_ess_session');
	expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/admin' });
	const forbidden = await user.goto('/admin/comptes');
	expect(forbidden?.status()).toBe(403);
	await expect(user.getByRole('heading', { level: 1 })).toHaveText('Accès réservé');

	await admin
		.getByRole('row')
		.filter({ hasText: email })
		.getByRole('button', { name: /Désactiver/ })
		.click();
	await expect(admin.getByRole('row').filter({ hasText: email })).toContainText('désactivé');
	await user.goto('/admin/fiches');
	await expect(user).toHaveURL(/\/admin\/connexion\?redirectTo=%2Fadmin%2Ffiches$/);
	await user.waitForLoadState('networkidle');
	await user.getByLabel('E-mail').fill(email);
	await user.getByLabel('Mot de passe').fill(PASSWORD);
	await user.getByRole('button', { name: 'Se connecter' }).click();
	await expect(user.getByRole('alert')).toHaveText('E-mail ou mot de passe incorrect.');
	await adminCtx.close();
	await userCtx.close();
});

test('login: wrong passwords are limited, pages pass axe, logout ends the session', async ({ page }) => {
	// Eleven logins, each hashing a password, and three axe scans: the longest journey of the workspace.
	test.slow();
	const email = 'limite-connexion@example.org';
	await ensureAccount(email, 'Limite Connexion', 'editor');
	await gotoReady(page, '/admin/connexion');
	await expectOneH1(page);
	await expectNoAxeViolations(page);
	for (let i = 0; i < 5; i++) {
		await page.getByLabel('E-mail').fill(email);
		await page.getByLabel('Mot de passe').fill('mauvais mot de passe');
		await page.getByRole('button', { name: 'Se connecter' }).click();
		await expect(page.getByRole('alert')).toHaveText('E-mail ou mot de passe incorrect.');
	}
	await page.getByLabel('E-mail').fill(email);
	await page.getByLabel('Mot de passe').fill(PASSWORD);
	await page.getByRole('button', { name: 'Se connecter' }).click();
	await expect(page.getByRole('alert')).toContainText('Trop de tentatives de connexion');

	await login(page, EDITOR);
	for (const path of ['/admin/fiches', '/admin/fiches/nouvelle?type=funding-tool', '/admin/import']) {
		await page.goto(path);
		await expectOneH1(page);
		await expectNoAxeViolations(page);
	}
	await page.getByRole('link', { name: 'Se déconnecter' }).click();
	await page.getByRole('button', { name: 'Se déconnecter' }).click();
	await expect(page).toHaveURL(/\/admin\/connexion$/);
	await page.goto('/admin');
	await expect(page).toHaveURL(/\/admin\/connexion/);
});
