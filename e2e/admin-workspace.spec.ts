/**
 * What new maintainers hit in the workspace: forms that keep their kind and their proposal through errors and
 * conflicts (server-rendered forms, tested without JavaScript), moderation that reads like the record
 * (labels, resemblances, a link to the record an approval wrote), and the record search.
 */
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures';
import { createProposal, getProposal } from '../src/lib/server/db/proposals';
import { getRecordById, updateRecord } from '../src/lib/server/db/records';
import type { PublicRecord } from '../src/lib/domain/records';
import { expectNoAxeViolations, expectOneH1 } from './helpers';
import { ensureAccount, login } from './admin-helpers';
import { e2eStore } from './store';

const EDITOR = 'claude-espace@example.org';
test.beforeAll(() => ensureAccount(EDITOR, 'Claude Espace', 'editor'));

const stamp = () => Date.now().toString(36);
const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
const nameBox = (page: Page) => page.getByRole('textbox', { name: 'Nom', exact: true });

async function newInitiativeProposal(name: string, place: Record<string, unknown> = {}) {
	const db = await e2eStore();
	const p = await createProposal(db, {
		type: 'new-initiative',
		payload: {
			name,
			description: 'Une initiative proposée par un visiteur pendant les tests.',
			initiativeType: 'jardin-partage',
			carrierKind: 'collectif-habitants',
			needs: ['benevoles'],
			thematiques: ['initiatives-habitants'],
			sectors: [],
			place: {
				communeCode: '67482',
				quartierCode: 'SQ_10',
				locationMode: 'quartier',
				lon: 7.7794,
				lat: 48.5269,
				precision: 'quartier',
				...place
			}
		}
	});
	await db.close();
	return p;
}

test.describe('forms keep their context, without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('« Nouvelle fiche : initiative » stays an initiative, with what was typed, after an error and a geocoding', async ({
		page
	}) => {
		await login(page, EDITOR);
		await page.goto('/admin/fiches/nouvelle?type=initiative');
		await expect(h1(page)).toHaveText('Nouvelle fiche : initiative');
		const name = `Initiative gardée ${stamp()}`;
		await nameBox(page).fill(name);
		await page.getByRole('button', { name: 'Créer la fiche' }).click();
		await expect(page.getByRole('alert')).toBeVisible();
		await expect(h1(page)).toHaveText('Nouvelle fiche : initiative');
		await expect(page).toHaveTitle(/Nouvelle fiche : initiative/);
		await expect(nameBox(page)).toHaveValue(name);
		await expect(page.getByRole('combobox', { name: 'Type d’initiative' })).toBeVisible();

		await page.getByRole('textbox', { name: 'Adresse', exact: true }).fill('67 avenue Racine');
		await page.getByRole('combobox', { name: 'Commune' }).selectOption('67482');
		await page.getByRole('button', { name: 'Géocoder l’adresse' }).click();
		await expect(page.getByRole('status')).toContainText('Adresse trouvée');
		await expect(h1(page)).toHaveText('Nouvelle fiche : initiative');
		await expect(nameBox(page)).toHaveValue(name);
		await page.getByRole('button', { name: 'Créer la fiche' }).click();
		await expect(h1(page)).toHaveText('Nouvelle fiche : initiative');
		await expect(page.getByRole('textbox', { name: 'Longitude' })).toHaveValue('7.7021');
	});

	test('« Modifier puis approuver » a new record keeps its proposal through an error, then links to the record', async ({
		page
	}) => {
		const name = `Jardin approuvé ${stamp()}`;
		const p = await newInitiativeProposal(name);
		await login(page, EDITOR);
		await page.goto(`/admin/moderation/${p.id}`);
		await page.getByRole('link', { name: 'Modifier puis approuver' }).click();
		await expect(h1(page)).toHaveText('Nouvelle fiche : initiative');
		await expect(nameBox(page)).toHaveValue(name);
		await nameBox(page).fill('');
		await page.getByRole('button', { name: 'Créer la fiche et approuver' }).click();
		await expect(page.getByRole('alert')).toBeVisible();
		await expect(h1(page)).toHaveText('Nouvelle fiche : initiative');
		await expect(page.getByText(`Contenu de la proposition ${p.id}`)).toBeVisible();
		await expect(page.getByRole('textbox', { name: 'Description', exact: true })).toHaveValue(
			'Une initiative proposée par un visiteur pendant les tests.'
		);
		let db = await e2eStore();
		expect((await getProposal(db, p.id))?.status).toBe('pending');
		await db.close();

		await nameBox(page).fill(`${name} (vérifié)`);
		await page.getByRole('button', { name: 'Créer la fiche et approuver' }).click();
		await expect(page.getByRole('status')).toContainText('Proposition approuvée');
		await page.getByRole('link', { name: `Ouvrir la fiche « ${name} (vérifié) »` }).click();
		await expect(h1(page)).toHaveText(`Modifier « ${name} (vérifié) »`);
		db = await e2eStore();
		expect(await getProposal(db, p.id)).toMatchObject({ status: 'approved' });
		expect((await getRecordById(db, (await getProposal(db, p.id))!.recordId!))?.name).toBe(
			`${name} (vérifié)`
		);
		await db.close();
	});

	test('« Modifier puis approuver » a correction keeps its proposal through an error and a conflict', async ({
		page
	}) => {
		const api = await page.request.get('/api/v1/organisations?limit=1&offset=11');
		const org = (await api.json()).items[0] as { id: string; name: string };
		let db = await e2eStore();
		const p = await createProposal(db, {
			type: 'change',
			targetId: org.id,
			payload: {
				targetId: org.id,
				changes: { phone: '03 88 44 55 66' },
				explanation: 'Numéro changé en 2026.'
			}
		});
		await db.close();
		await login(page, EDITOR);
		await page.goto(`/admin/moderation/${p.id}`);
		await page.getByRole('link', { name: 'Modifier puis approuver' }).click();
		await expect(page.getByText(`Vous examinez la proposition ${p.id}`)).toBeVisible();
		await page.getByRole('textbox', { name: 'Site web' }).fill('pas une adresse');
		await page.getByRole('button', { name: 'Enregistrer et approuver la proposition' }).click();
		await expect(page.getByRole('alert')).toBeVisible();
		await expect(page.getByText(`Vous examinez la proposition ${p.id}`)).toBeVisible();
		await expect(page.getByRole('textbox', { name: 'Téléphone' })).toHaveValue('03 88 44 55 66');
		await page.getByRole('textbox', { name: 'Site web' }).fill('');

		// Someone else saves the record meanwhile.
		db = await e2eStore();
		const { version, ...current } = (await getRecordById(db, org.id))!;
		await updateRecord(
			db,
			{ ...(current as PublicRecord), description: 'Changée pendant la modération.' },
			{
				expectedVersion: version,
				by: null,
				note: 'test : modification concurrente'
			}
		);
		await db.close();
		await page.getByRole('button', { name: 'Enregistrer et approuver la proposition' }).click();
		const conflict = page.getByRole('region', { name: /Conflit/ });
		await expect(conflict).toBeVisible();
		await expect(page.getByText(`Vous examinez la proposition ${p.id}`)).toBeVisible();
		await conflict.getByRole('button', { name: 'Enregistrer ma version à la place' }).click();
		await expect(page.getByRole('status')).toContainText('Proposition approuvée');
		db = await e2eStore();
		expect(await getProposal(db, p.id)).toMatchObject({ status: 'approved', recordId: org.id });
		expect(await getRecordById(db, org.id)).toMatchObject({ contact: { phone: '03 88 44 55 66' } });
		await db.close();
	});
});

test.describe('moderation reads like the record', () => {
	test('labels instead of codes, one column per header, resemblances with links', async ({ page }) => {
		// The seed's « CSC du Neuhof » (SQ_10) sits at this point: a proposal of the same name there resembles it.
		const p = await newInitiativeProposal('CSC du Neuhof');
		const twin = await newInitiativeProposal('Le CSC du Neuhof');
		await login(page, EDITOR);
		await page.goto(`/admin/moderation/${p.id}`);
		await expectOneH1(page);
		const table = page.getByRole('table', { name: 'Contenu de la fiche proposée' });
		await expect(table.getByRole('columnheader')).toHaveCount(2);
		const row = (label: string) =>
			table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: label, exact: true }) });
		await expect(row('Commune').getByRole('cell')).toHaveText(['Strasbourg']);
		await expect(row('Quartier (Strasbourg)').getByRole('cell')).toHaveText(['Neuhof – Stockfeld – Ganzau']);
		await expect(row('Thématiques').getByRole('cell')).toHaveText([
			'Initiatives collectives des habitants et innovation'
		]);
		await expect(row('Type d’initiative').getByRole('cell')).not.toHaveText('jardin-partage');
		await expect(row('Précision de la position').getByRole('cell')).not.toHaveText('quartier');

		const resembles = page.getByRole('region', { name: 'Ressemblances à vérifier' });
		await expect(resembles.getByRole('link', { name: 'CSC du Neuhof', exact: true }).first()).toHaveAttribute(
			'href',
			'/admin/fiches/csc-du-neuhof'
		);
		await expect(resembles.getByRole('link', { name: 'Le CSC du Neuhof' })).toHaveAttribute(
			'href',
			`/admin/moderation/${twin.id}`
		);
		await expectNoAxeViolations(page);
	});

	test('after an approval, the page links to the record created', async ({ page }) => {
		const name = `Jardin des Tests ${stamp()}`;
		const p = await newInitiativeProposal(name, {
			address: '1 rue des Tests',
			lon: 7.7,
			lat: 48.6,
			precision: 'address',
			locationMode: 'pin'
		});
		await login(page, EDITOR);
		await page.goto(`/admin/moderation/${p.id}`);
		await expect(page.getByRole('region', { name: 'Ressemblances à vérifier' })).toHaveCount(0);
		await page.getByRole('button', { name: 'Approuver' }).click();
		await expect(page.getByRole('status')).toContainText('Proposition approuvée');
		const db = await e2eStore();
		const id = (await getProposal(db, p.id))!.recordId!;
		expect((await getRecordById(db, id))?.name).toBe(name);
		await db.close();
		await expect(page.getByRole('link', { name: name, exact: true })).toHaveAttribute(
			'href',
			`/admin/fiches/${id}`
		);
		await page.getByRole('link', { name: `Ouvrir la fiche « ${name} »` }).click();
		await expect(h1(page)).toHaveText(`Modifier « ${name} »`);
	});
});

test('the record search finds « csc neuhof », without JavaScript', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await login(page, EDITOR);
	await page.goto('/admin/fiches');
	await page.getByRole('searchbox', { name: 'Nom ou identifiant' }).fill('csc neuhof');
	await page.getByRole('button', { name: 'Filtrer' }).click();
	await expect(page).toHaveURL(/q=csc\+neuhof/);
	const results = page.getByRole('table', { name: 'Fiches trouvées' });
	await expect(results.getByRole('link', { name: 'CSC du Neuhof' })).toBeVisible();
	await expect(results.getByRole('link', { name: /Meinau/ })).toHaveCount(0);
	await page.getByRole('searchbox', { name: 'Nom ou identifiant' }).fill('Centre socioculturel Neuhof');
	await page.getByRole('button', { name: 'Filtrer' }).click();
	await expect(results.getByRole('link', { name: 'CSC du Neuhof' })).toBeVisible();
	await context.close();
});
