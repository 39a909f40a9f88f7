/**
 * Importing a spreadsheet as a CRESS employee makes it, without JavaScript (the workspace is server-rendered):
 * French headers in their own words, a title row above them, commune and quartier names, French dates,
 * oui / non, a typo in a commune, a row with no name; as CSV, then as an Excel workbook that updates records.
 * The template downloads, the error messages, « Ignorer les lignes en erreur » with the rejected rows, the
 * dry run's before → after, and the report with links to the records.
 */
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures';
import { readFileSync } from 'node:fs';
import { dataVersion, getRecordById, updateRecord } from '../src/lib/server/db/records';
import { decodeText, parseCsv } from '../src/lib/io/csv';
import { readXlsx } from '../src/lib/io/xlsx';
import { workbookOf } from '../src/lib/io/test-workbook';
import { expectNoAxeViolations, expectOneH1 } from './helpers';
import { ensureAccount, gotoReady, login } from './admin-helpers';
import { e2eStore, withStore } from './store';

const EDITOR = 'dominique-import@example.org';

test.describe.configure({ mode: 'serial', timeout: 120_000 });

test.beforeAll(() => ensureAccount(EDITOR, 'Dominique Import', 'editor'));

/** The sheet as the CRESS keeps it, saved « CSV UTF-8 (délimité par des points-virgules) » by Excel. */
const HEADERS = [
	'Nom de la structure',
	'Ce qu’elle fait',
	'Ville',
	'Quartier',
	'Statut juridique',
	'ESS ?',
	'Site internet',
	'Courriel',
	'Tél.',
	'Mis à jour le',
	'Source'
];
const SHEET = [
	'Structures adhérentes – relevé du 2 décembre 2026;;;;;;;;;;;',
	`${HEADERS.join(';')};`,
	'Les Jardins de la Montagne Verte ;Maraîchage biologique et chantier d’insertion;Strasbourg;Montagne-Verte;Association;oui;www.jardins-montagne-verte.example.org;contact@jardins-mv.example.org;03 88 00 00 01;04/11/2026;https://www.jardins-montagne-verte.example.org/qui-sommes-nous;',
	'Coop’Schilick;Épicerie coopérative de quartier;Schiltigeim;;SCIC;oui;;;;4/11/26;https://coop-schilick.example.org;',
	'Vélo Solidaire Illkirch;Atelier participatif de réparation de vélos;Illkirch-Graffenstaden;;Association loi 1901;OUI;;;;3 novembre 2026;;',
	';Ligne ajoutée sans nom;Strasbourg;;Association;non;;;;04/11/2026;;',
	'Repair Café du Neudorf;Réparation d’objets avec des bénévoles;strasbourg;Neudorf;;x;;;;;;',
	';;;;;;;;;;;',
	';;;;;;;;;;;'
].join('\r\n');

async function uploadFile(page: Page, name: string, buffer: Buffer, mimeType: string) {
	await gotoReady(page, '/admin/import');
	await page.getByLabel('Type de fiches').selectOption('organisation');
	await page.getByLabel('Fichier').setInputFiles({ name, mimeType, buffer });
	await page.getByRole('button', { name: 'Envoyer et associer les colonnes' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Import de « ${name} »`);
}

async function simulate(page: Page) {
	await page.getByRole('button', { name: 'Lancer la simulation' }).click();
	// Without JavaScript the page refreshes itself (meta refresh) until the dry run is over.
	await expect(page.getByRole('heading', { name: /Simulation : ce que l’import ferait/ })).toBeVisible({
		timeout: 20_000
	});
}

const version = () => withStore((db) => dataVersion(db));

const report = (page: Page) => page.getByRole('region', { name: 'Ce que l’import a fait' });
const plan = (page: Page) => page.getByRole('table', { name: 'Lignes du fichier et leur résultat' });

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('a CRESS spreadsheet in CSV: templates, French messages, errors left out on request, the report', async ({
		page
	}) => {
		await login(page, EDITOR);

		// The templates: French headers the mapping recognises and one example row, in CSV and Excel.
		await gotoReady(page, '/admin/import');
		await expectOneH1(page);
		const csvDownload = page.waitForEvent('download');
		await page.getByRole('link', { name: 'modèle CSV (structures)' }).click();
		const csvTemplate = await csvDownload;
		expect(csvTemplate.suggestedFilename()).toBe('modele-import-structures.csv');
		const template = parseCsv(decodeText(readFileSync(await csvTemplate.path())).text);
		if (!template.ok) throw new Error(template.message);
		expect(template.table.headers.slice(0, 4)).toEqual(['Nom', 'Description', 'SIRET', 'Rôles']);
		expect(template.table.notes).toEqual(['ligne 2 ignorée : ligne d’exemple du modèle']);
		const xlsxDownload = page.waitForEvent('download');
		await page.getByRole('link', { name: 'modèle Excel (structures)' }).click();
		const xlsxTemplate = await xlsxDownload;
		expect(xlsxTemplate.suggestedFilename()).toBe('modele-import-structures.xlsx');
		const workbook = await readXlsx(readFileSync(await xlsxTemplate.path()));
		expect(workbook.ok && workbook.table.headers).toEqual(template.table.headers);

		// The spreadsheet: its title row is skipped, most columns are recognised, one is mapped by hand.
		const before = await version();
		await uploadFile(page, 'adherents-cress.csv', Buffer.from(`\ufeff${SHEET}`), 'text/csv');
		await expect(
			page.getByText('ligne 1 (« Structures adhérentes – relevé du 2 décembre 2026 ») ignorée')
		).toBeVisible();
		await expect(page.getByLabel('Ville', { exact: true })).toHaveValue('communeCode');
		await expect(page.getByLabel('Mis à jour le', { exact: true })).toHaveValue('lastVerified');
		await page.getByLabel('Ce qu’elle fait', { exact: true }).selectOption({ label: 'Description' });
		await page.getByLabel('Rôles', { exact: true }).selectOption({ label: "Structure de l'ESS" });
		await page
			.getByLabel('Adresse web de la publication')
			.fill('https://www.cress-exemple.org/annuaire-des-adherents');
		await page.getByLabel('Titre de la publication (facultatif)').fill('Annuaire des adhérents de la CRESS');
		await simulate(page);

		// Errors in French: the row, the column as written, the field, why, and the commune meant.
		await expect(page.locator('ul.counts')).toContainText('3 nouvelles');
		await expect(page.locator('ul.counts')).toContainText('2 en erreur');
		await expect(page.getByText('2 lignes en erreur : rien ne sera écrit')).toBeVisible();
		await page.getByRole('link', { name: 'Erreur', exact: true }).click();
		await expect(plan(page)).toContainText(
			'colonne « Ville » : commune inconnue « Schiltigeim » : vouliez-vous dire « Schiltigheim » ? (champ « Commune »)'
		);
		await expect(plan(page)).toContainText(
			'colonne « Nom de la structure » : vide : chaque ligne a besoin d’un nom'
		);
		// What the file did not say is filled in, and said.
		await expect(
			page.getByText('Valeurs que le fichier ne donnait pas, complétées par l’import')
		).toBeVisible();
		await expect(
			page.getByText("Rôles : « Structure de l'ESS » (valeur pour tout le fichier), 3 lignes")
		).toBeVisible();
		await expect(page.getByText('Statut : « Brouillon » (par défaut), 3 lignes')).toBeVisible();
		await expect(
			page.getByText('Confiance : « Source secondaire, ancienne ou fait déduit » (par défaut), 3 lignes')
		).toBeVisible();

		// The rows in error, downloadable with their reasons.
		const rejectedDownload = page.waitForEvent('download');
		await page.getByRole('link', { name: /Télécharger les lignes en erreur/ }).click();
		const rejected = await rejectedDownload;
		expect(rejected.suggestedFilename()).toBe('adherents-cress-lignes-en-erreur.csv');
		const rejectedText = readFileSync(await rejected.path(), 'utf8');
		const rejectedTable = parseCsv(decodeText(readFileSync(await rejected.path())).text);
		if (!rejectedTable.ok) throw new Error(rejectedTable.message);
		expect(rejectedTable.table.rows).toHaveLength(2);
		expect(rejectedTable.table.rows[0].cells[0]).toContain('ligne 4 — colonne « Ville » : commune inconnue');
		expect(await version()).toBe(before);

		// « Ignorer les lignes en erreur » is an explicit choice.
		await expect(page.getByRole('button', { name: /Appliquer l’import/ })).toHaveCount(0);
		await page.getByLabel(/Ignorer les lignes en erreur/).check();
		await page
			.getByRole('button', { name: 'Importer les 3 lignes valides sans les lignes en erreur' })
			.click();
		await expect(page.getByRole('heading', { name: 'Ce que l’import a fait' })).toBeVisible({
			timeout: 20_000
		});
		await expect(page.getByRole('status')).toContainText('3 fiches créées');
		await expect(page.getByRole('status')).toContainText('2 lignes en erreur ignorées');
		await expect(page.getByText(/ne sont pas visibles du public\. Pour en publier une/)).toBeVisible();
		const link = report(page).getByRole('link', { name: 'Les Jardins de la Montagne Verte' });
		await expect(link).toHaveAttribute('href', '/admin/fiches/les-jardins-de-la-montagne-verte');

		const db = await e2eStore();
		expect(await getRecordById(db, 'les-jardins-de-la-montagne-verte')).toMatchObject({
			status: 'draft',
			communeCode: '67482',
			quartierCode: 'SQ_09',
			isEss: true,
			legalForm: 'association',
			lastVerified: '2026-11-04',
			roles: ['acteur'],
			confidence: 'medium',
			contact: { website: 'https://www.jardins-montagne-verte.example.org', phone: '03 88 00 00 01' },
			sources: [{ url: 'https://www.jardins-montagne-verte.example.org/qui-sommes-nous' }]
		});
		expect(await getRecordById(db, 'velo-solidaire-illkirch')).toMatchObject({
			communeCode: '67218',
			legalForm: 'association-declaree',
			lastVerified: '2026-11-03',
			sources: [
				{
					url: 'https://www.cress-exemple.org/annuaire-des-adherents',
					title: 'Annuaire des adhérents de la CRESS'
				}
			]
		});
		expect(await getRecordById(db, 'repair-cafe-du-neudorf')).toMatchObject({
			communeCode: '67482',
			quartierCode: 'SQ_08'
		});
		await db.close();

		// The rejected rows, fixed, go in: the error column is left out and the mapping is remembered.
		await link.click();
		await expect(page.getByRole('heading', { level: 1 })).toContainText('Les Jardins de la Montagne Verte');
		const fixed = rejectedText
			.replace(';Schiltigeim;', ';Schiltigheim;')
			.replace(/;;Ligne ajoutée sans nom/, ';La Grange aux Savoirs;Ligne ajoutée sans nom');
		await uploadFile(page, 'adherents-corriges.csv', Buffer.from(fixed), 'text/csv');
		await expect(page.getByLabel('Ce qu’elle fait', { exact: true })).toHaveValue('description');
		await expect(page.getByText('comme au dernier import').first()).toBeVisible();
		await expect(
			page.getByLabel('Erreurs à corriger (colonne ignorée à l’import)', { exact: true })
		).toHaveValue('');
		await page.getByLabel('Rôles', { exact: true }).selectOption({ label: "Structure de l'ESS" });
		await page
			.getByLabel('Adresse web de la publication')
			.fill('https://www.cress-exemple.org/annuaire-des-adherents');
		await simulate(page);
		await page.getByRole('button', { name: 'Appliquer l’import (2 nouvelles, 0 mise à jour)' }).click();
		await expect(page.getByRole('status')).toContainText('2 fiches créées', { timeout: 20_000 });
		await expect(report(page).getByRole('link', { name: 'Coop’Schilick' })).toHaveAttribute(
			'href',
			'/admin/fiches/coop-schilick'
		);
		const check = await e2eStore();
		expect(await getRecordById(check, 'coop-schilick')).toMatchObject({
			communeCode: '67447',
			legalForm: 'scic'
		});
		await check.close();
	});

	test('the same sheet as an Excel workbook updates records: before → after, nothing curated replaced unless chosen', async ({
		page
	}) => {
		await login(page, EDITOR);
		// Someone curated a record in the workspace meanwhile.
		const db = await e2eStore();
		const { version: v, ...imported } = (await getRecordById(db, 'repair-cafe-du-neudorf'))!;
		const curatedDescription = 'Atelier mensuel de réparation, texte relu avec l’équipe du Repair Café.';
		const saved = await updateRecord(
			db,
			{ ...imported, description: curatedDescription },
			{ expectedVersion: v, action: 'update' }
		);
		await db.close();
		expect(saved.ok).toBe(true);
		const curated = { ...imported, description: curatedDescription };

		const bytes = await workbookOf(
			[
				HEADERS,
				[
					'Repair Café du Neudorf',
					'Texte du tableur, plus ancien que la fiche',
					'Strasbourg',
					'Neudorf',
					'',
					'oui',
					'',
					'repaircafe.neudorf@example.org',
					'0388000002',
					new Date(Date.UTC(2026, 10, 28)),
					'https://www.repaircafe-neudorf.example.org'
				],
				[
					'Épicerie Sociale de Hautepierre',
					'Épicerie solidaire tenue par des bénévoles',
					'Strasbourg',
					'Hautepierre',
					'Association de droit local',
					true,
					'',
					'',
					'',
					new Date(Date.UTC(2026, 10, 28)),
					'https://epicerie-hautepierre.example.org'
				],
				[
					'Atelier Bois Lingolsheim',
					'Menuiserie partagée',
					'Lingolsheimm',
					'',
					'SCOP',
					'oui',
					'',
					'',
					'',
					'28/11/2026',
					'https://bois.example.org'
				]
			],
			{ title: 'Mise à jour des adhérents – novembre 2026', sheet: 'Adhérents' }
		);
		await uploadFile(
			page,
			'adherents-novembre.xlsx',
			Buffer.from(bytes),
			'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
		);
		await expect(page.getByText(/Structures · Excel · 3 lignes/)).toBeVisible();
		await expect(page.getByText('feuille « Adhérents » lue')).toBeVisible();
		await page.getByLabel('Rôles', { exact: true }).selectOption({ label: "Structure de l'ESS" });
		await simulate(page);

		await expect(plan(page)).toContainText(
			'colonne « Ville » : commune inconnue « Lingolsheimm » : vouliez-vous dire « Lingolsheim » ? (champ « Commune »)'
		);
		// The update shows each changed value before and after; the curated description is kept and said.
		await page.getByRole('link', { name: 'Mise à jour', exact: true }).click();
		const changes = page.getByRole('table', { name: /avant → après/ });
		await expect(changes.getByRole('row', { name: /Téléphone/ })).toContainText('(vide)');
		await expect(changes.getByRole('row', { name: /Téléphone/ })).toContainText('0388000002');
		await expect(changes.getByRole('row', { name: /E-mail/ })).toContainText(
			'repaircafe.neudorf@example.org'
		);
		await expect(changes.getByRole('row', { name: /Description/ })).toHaveCount(0);
		await expect(plan(page)).toContainText(
			`Description (colonne « Ce qu’elle fait ») : garde « ${curatedDescription} », le fichier propose « Texte du tableur, plus ancien que la fiche »`
		);

		// « remplacer » for that column, chosen explicitly, and the dry run shows the new text.
		await page.getByText('Modifier la correspondance des colonnes et relancer la simulation').click();
		await page
			.getByLabel('Mise à jour par la colonne « Ce qu’elle fait »')
			.selectOption({ label: 'remplacer' });
		await simulate(page);
		await page.getByRole('link', { name: 'Mise à jour', exact: true }).click();
		const description = page
			.getByRole('table', { name: /avant → après/ })
			.getByRole('row', { name: /Description/ });
		await expect(description).toContainText(curatedDescription);
		await expect(description).toContainText('Texte du tableur, plus ancien que la fiche');

		await page.getByLabel(/Ignorer les lignes en erreur/).check();
		await page
			.getByRole('button', { name: 'Importer les 2 lignes valides sans les lignes en erreur' })
			.click();
		await expect(page.getByRole('heading', { name: 'Ce que l’import a fait' })).toBeVisible({
			timeout: 20_000
		});
		await expect(page.getByRole('status')).toContainText('1 fiche créée, 1 mise à jour');
		await expect(page.getByRole('heading', { name: 'Fiches mises à jour' })).toBeVisible();
		await expect(report(page).getByRole('link', { name: 'Repair Café du Neudorf' })).toHaveAttribute(
			'href',
			'/admin/fiches/repair-cafe-du-neudorf'
		);
		await expect(report(page).getByRole('link', { name: 'Épicerie Sociale de Hautepierre' })).toHaveAttribute(
			'href',
			'/admin/fiches/epicerie-sociale-de-hautepierre'
		);
		const check = await e2eStore();
		expect(await getRecordById(check, 'repair-cafe-du-neudorf')).toMatchObject({
			description: 'Texte du tableur, plus ancien que la fiche',
			contact: { phone: '0388000002', email: 'repaircafe.neudorf@example.org' },
			lastVerified: curated.lastVerified
		});
		expect(await getRecordById(check, 'epicerie-sociale-de-hautepierre')).toMatchObject({
			quartierCode: 'SQ_06',
			legalForm: 'association-droit-local',
			lastVerified: '2026-11-28',
			isEss: true
		});
		await check.close();
	});
});

test('the mapping step and the dry run pass the accessibility checks', async ({ page }) => {
	await login(page, EDITOR);
	await uploadFile(page, 'adherents-accessibilite.csv', Buffer.from(`\ufeff${SHEET}`), 'text/csv');
	await page.waitForLoadState('networkidle');
	// The choices this step now holds: a policy per column, the file's source, values for the whole file.
	await expect(page.getByLabel('Mise à jour par la colonne « Ville »')).toHaveValue('fill');
	await expect(page.getByRole('group', { name: 'Source des informations du fichier' })).toBeVisible();
	await expect(page.getByRole('group', { name: 'Valeurs pour tout le fichier' })).toBeVisible();
	await expectNoAxeViolations(page);
	await simulate(page);
	await page.waitForLoadState('networkidle');
	await expectOneH1(page);
	await expectNoAxeViolations(page);
});
