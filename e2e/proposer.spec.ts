import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { test } from './fixtures';
import { expectNoAxeViolations, expectOneH1, watchErrors } from './helpers';
import { withStore } from './store';

interface Row {
	id: string;
	type: string;
	status: string;
	target_id: string | null;
	payload: string;
	submitter_email: string | null;
	client_hash: string | null;
}

/** The store as the server wrote it (only read: the test never changes it). */
const proposals = () => withStore((db) => db.all<Row>('SELECT * FROM proposals ORDER BY created_at, id'));
const proposal = (id: string) => withStore((db) => db.get<Row>('SELECT * FROM proposals WHERE id = ?', [id]));

const REFERENCE = /ESS-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}/;
const unique = (what: string) => `${what} ${Date.now().toString(36)}`;

/** Dialogs would mean injected script ran: record them all (and close them so the test goes on). */
function watchDialogs(page: Page): string[] {
	const dialogs: string[] = [];
	page.on('dialog', async (d) => {
		dialogs.push(`${d.type()}: ${d.message()}`);
		await d.dismiss();
	});
	return dialogs;
}

async function fillInitiative(
	page: Page,
	v: { name: string; description: string; website?: string; zone?: string; address?: string }
) {
	await page.getByLabel(/^Nom de l’initiative/).fill(v.name);
	await page.getByLabel(/^Qu’est-ce que c’est/).fill(v.description);
	await page.getByLabel(/^Type/).selectOption('jardin-partage');
	await page.getByRole('radio', { name: "Collectif d'habitants" }).check();
	await page.getByRole('checkbox', { name: 'Bénévoles' }).check();
	await page.getByLabel(/^Quartier ou commune/).selectOption(v.zone ?? '67482:SQ_06');
	if (v.address) {
		await page.getByRole('radio', { name: 'Par son adresse' }).check();
		await page.getByLabel(/^Adresse/).fill(v.address);
	} else {
		await page.getByRole('radio', { name: 'Seulement le quartier ou la commune' }).check();
	}
	await page.getByLabel(/^Site web/).fill(v.website ?? '');
}

const submit = (page: Page) => page.getByRole('button', { name: /^Envoyer/ }).click();

async function referenceOf(page: Page): Promise<string> {
	await expect(page).toHaveURL(/\/proposer\/merci\/ESS-/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Merci, votre proposition est bien reçue');
	const ref = (await page.locator('.ref').textContent())?.trim() ?? '';
	expect(ref).toMatch(REFERENCE);
	return ref;
}

/** Every public page and API answer that could list an initiative or a structure. */
async function expectNowherePublic(request: APIRequestContext, text: string) {
	const paths = [
		'/',
		'/quartiers',
		'/quartiers/cronenbourg-hautepierre',
		'/quartiers/strasbourg',
		'/quartiers/schiltigheim',
		'/annuaire',
		'/carte',
		'/api/v1/initiatives?limit=1000',
		'/api/v1/initiatives.geojson?limit=1000',
		'/api/v1/organisations?limit=1000',
		'/api/v1/organisations.geojson?limit=1000'
	];
	for (const path of paths) {
		const res = await request.get(path);
		expect(res.status(), path).toBeLessThan(500);
		expect(await res.text(), path).not.toContain(text);
	}
}

test.describe('public proposals', () => {
	test('the choice page and the privacy page pass axe and are linked', async ({ page }) => {
		await page.goto('/proposer');
		await expectOneH1(page);
		await expect(page.getByRole('link', { name: /Une initiative d’habitants/ })).toHaveAttribute(
			'href',
			'/proposer/initiative'
		);
		await expectNoAxeViolations(page);
		await page.getByRole('contentinfo').getByRole('link', { name: 'Données personnelles' }).click();
		await expect(page).toHaveURL('/confidentialite');
		await expectOneH1(page);
		await expect(page.getByRole('main')).toContainText('six mois après la décision');
		await expectNoAxeViolations(page);
	});

	test('an initiative with an error, corrected, gets a reference and waits unpublished', async ({
		page,
		request
	}) => {
		const errors = watchErrors(page);
		const dialogs = watchDialogs(page);
		const name = unique('Jardin des voisins e2e');
		await page.goto('/proposer');
		await page.getByRole('link', { name: /Une initiative d’habitants/ }).click();
		await expectOneH1(page);
		await expectNoAxeViolations(page);

		await fillInitiative(page, { name, description: 'Trop court', website: 'javascript:alert(1)' });
		await submit(page);

		// The summary at the top takes the focus and links to each field in error.
		const summary = page.getByRole('alert');
		await expect(summary).toBeFocused();
		await expect(page).toHaveTitle(/^Erreur : Proposer une initiative/);
		await expect(summary.getByRole('link', { name: /Description/ })).toHaveAttribute(
			'href',
			'#f-description'
		);
		await expect(summary.getByRole('link', { name: /Site web/ })).toHaveAttribute('href', '#f-website');
		// Errors next to their fields, announced with them.
		const description = page.getByLabel(/^Qu’est-ce que c’est/);
		await expect(description).toHaveAttribute('aria-invalid', 'true');
		await expect(description).toHaveAttribute('aria-describedby', /f-description-erreur/);
		await expect(page.locator('#f-description-erreur')).toContainText('au moins 20 caractères');
		await expect(page.locator('#f-website-erreur')).toContainText('http:// ou https://');
		// What was typed is still there.
		await expect(page.getByLabel(/^Nom de l’initiative/)).toHaveValue(name);
		await expect(description).toHaveValue('Trop court');
		await expect(page.getByLabel(/^Quartier ou commune/)).toHaveValue('67482:SQ_06');
		await expect(page.getByRole('checkbox', { name: 'Bénévoles' })).toBeChecked();
		await expectNoAxeViolations(page);

		await summary.getByRole('link', { name: /Description/ }).click();
		await description.fill('Un jardin partagé entretenu par les habitants de la rue, ouvert à tous.');
		await page.getByLabel(/^Site web/).fill('https://example.org/jardin');
		await submit(page);

		const ref = await referenceOf(page);
		const row = await proposal(ref);
		expect(row).toMatchObject({ type: 'new-initiative', status: 'pending', target_id: null });
		expect(JSON.parse(row!.payload)).toMatchObject({
			name,
			needs: ['benevoles'],
			website: 'https://example.org/jardin',
			place: { communeCode: '67482', quartierCode: 'SQ_06', locationMode: 'quartier', precision: 'quartier' }
		});
		expect(row!.client_hash).toMatch(/^[0-9a-f]{64}$/);
		await expectNowherePublic(request, name);
		expect(dialogs).toEqual([]);
		expect(errors).toEqual([]);
	});

	test('a typed address is geocoded (test double), and the proposal goes through when the geocoder fails', async ({
		page
	}) => {
		await page.goto('/proposer/initiative?zone=cronenbourg-hautepierre');
		// Coming from a quartier page preselects it.
		await expect(page.getByLabel(/^Quartier ou commune/)).toHaveValue('67482:SQ_06');
		const description = 'Atelier de réparation de vélos tenu par des voisins, chaque samedi.';
		await fillInitiative(page, { name: unique('Atelier vélo'), description, address: '67 avenue Racine' });
		await submit(page);
		const found = JSON.parse((await proposal(await referenceOf(page)))!.payload);
		expect(found.place).toMatchObject({
			address: '67 avenue Racine',
			locationMode: 'address',
			precision: 'address',
			geocodeStatus: 'found',
			geocodedLabel: '67 Avenue Racine 67200 Strasbourg',
			lon: 7.7021,
			lat: 48.5948
		});

		await page.goto('/proposer/initiative');
		await fillInitiative(page, { name: unique('Atelier panne'), description, address: '3 rue en panne' });
		await submit(page);
		const down = JSON.parse((await proposal(await referenceOf(page)))!.payload);
		// The double answered 503: the address text is kept and the quartier point used, with that precision.
		expect(down.place).toMatchObject({
			address: '3 rue en panne',
			precision: 'quartier',
			geocodeStatus: 'unavailable',
			lon: 7.7094,
			lat: 48.5967
		});
	});

	test('what is typed while the scripts still load survives hydration', async ({ page }) => {
		// Slow scripts, as on a weak mobile connection: the form is usable before JavaScript arrives.
		await page.route(/\/_app\/immutable\/.*\.js$/, async (route) => {
			await new Promise((resolve) => setTimeout(resolve, 1500));
			await route.continue();
		});
		await page.goto('/proposer/initiative', { waitUntil: 'domcontentloaded' });
		await page.getByLabel(/^Nom de l’initiative/).fill('Tapé avant les scripts');
		await page.getByLabel(/^Qu’est-ce que c’est/).fill('Une description tapée avant le chargement.');
		await page.getByRole('checkbox', { name: 'Bénévoles' }).check();
		await page.getByRole('radio', { name: /Par un point précis/ }).check();
		await page.getByLabel(/^Longitude/).fill('7,75');
		// Hydrated: only the chosen way to place the lieu stays visible (the address field hides).
		await expect(page.getByLabel(/^Adresse/)).toBeHidden({ timeout: 15_000 });
		await expect(page.getByLabel(/^Longitude/)).toBeVisible();
		await expect(page.getByLabel(/^Longitude/)).toHaveValue('7,75');
		await expect(page.getByLabel(/^Nom de l’initiative/)).toHaveValue('Tapé avant les scripts');
		await expect(page.getByLabel(/^Qu’est-ce que c’est/)).toHaveValue(
			'Une description tapée avant le chargement.'
		);
		await expect(page.getByRole('checkbox', { name: 'Bénévoles' })).toBeChecked();
		await expect(page.getByRole('radio', { name: /Par un point précis/ })).toBeChecked();
	});

	test.describe('without JavaScript', () => {
		test.use({ javaScriptEnabled: false });

		test('the form still validates, keeps values, focuses the errors and gives a reference', async ({
			page
		}) => {
			const name = unique('Fête de la rue sans JS');
			await page.goto('/proposer/initiative');
			await fillInitiative(page, { name, description: 'court' });
			await page.getByRole('radio', { name: 'Par son adresse' }).check();
			await submit(page);
			await expect(page.getByRole('alert')).toBeFocused();
			await expect(page.locator('#f-place-address-erreur')).toContainText('indiquez l’adresse');
			await expect(page.getByLabel(/^Nom de l’initiative/)).toHaveValue(name);
			await page
				.getByLabel(/^Qu’est-ce que c’est/)
				.fill('Une fête de rue organisée par les voisins en juin.');
			await page.getByRole('radio', { name: 'Seulement le quartier ou la commune' }).check();
			await submit(page);
			const ref = await referenceOf(page);
			expect((await proposal(ref))?.status).toBe('pending');
		});
	});

	test('a structure placed by a point: a swapped point is refused, a decimal comma accepted', async ({
		page
	}) => {
		await page.goto('/proposer/structure');
		await expectOneH1(page);
		const name = unique('Coopérative e2e');
		await page.getByLabel(/^Nom de la structure/).fill(name);
		await page.getByLabel(/^Que fait-elle/).fill('Une coopérative de réemploi proposée pour le test.');
		await page.getByLabel(/^Forme juridique/).selectOption('scic');
		await page.getByRole('checkbox', { name: "Structure de l'ESS" }).check();
		await page.getByLabel(/^Quartier ou commune/).selectOption('67447');
		await page.getByRole('radio', { name: /Par un point précis/ }).check();
		await page.getByLabel(/^Longitude/).fill('48,6119');
		await page.getByLabel(/^Latitude/).fill('7,7463');
		await submit(page);
		await expect(page.locator('#f-place-lon-erreur')).toContainText('hors de l’Eurométropole');
		await expect(page.getByLabel(/^Longitude/)).toHaveValue('48,6119');
		await expectNoAxeViolations(page);
		await page.getByLabel(/^Longitude/).fill('7,7463');
		await page.getByLabel(/^Latitude/).fill('48,6119');
		await submit(page);
		const row = (await proposal(await referenceOf(page)))!;
		expect(row.type).toBe('new-organisation');
		expect(JSON.parse(row.payload)).toMatchObject({
			name,
			roles: ['acteur'],
			place: { communeCode: '67447', lon: 7.7463, lat: 48.6119, precision: 'address' }
		});
	});

	test('« Signaler une erreur » opens the record’s values; only the changed field is stored', async ({
		page,
		request
	}) => {
		await page.goto('/quartiers/cronenbourg-hautepierre');
		const card = page.locator('#sq-hautepierre').getByRole('article').first();
		const recordName = (await card.getByRole('heading').textContent())!.trim();
		await card.getByRole('link', { name: /Signaler une erreur/ }).click();
		await expect(page).toHaveURL(/\/proposer\/modification\?fiche=/);
		await expectOneH1(page);
		await expect(page.getByLabel(/^Nom/)).toHaveValue(recordName);
		await expectNoAxeViolations(page);

		const schedule = unique('Le mardi de 14 h à 17 h');
		await page.getByLabel(/^Quand/).fill(schedule);
		await submit(page);
		await expect(page.locator('#f-explanation-erreur')).toBeVisible();
		await expect(page.getByLabel(/^Quand/)).toHaveValue(schedule);
		await page.getByLabel(/^Qu’est-ce qui est faux/).fill('Les horaires ont changé cette année.');
		await submit(page);
		const row = (await proposal(await referenceOf(page)))!;
		expect(row).toMatchObject({ type: 'change', status: 'pending' });
		expect(JSON.parse(row.payload)).toEqual({
			targetId: row.target_id,
			changes: { schedule },
			explanation: 'Les horaires ont changé cette année.'
		});
		await expectNowherePublic(request, schedule);

		expect((await page.goto('/proposer/modification?fiche=nexiste-pas'))?.status()).toBe(404);
	});

	test('every kind of public record links to its correction form, prefilled', async ({ page, request }) => {
		for (const [api, base] of [
			['organisations', '/structures'],
			['initiatives', '/initiatives'],
			['funding-tools', '/financements']
		] as const) {
			const { items } = await (await request.get(`/api/v1/${api}?limit=1`)).json();
			const record = items[0] as { id: string; slug: string; name: string };
			await page.goto(`${base}/${record.slug}`);
			await page.getByRole('link', { name: /Signaler une erreur \/ proposer une modification/ }).click();
			await expect(page).toHaveURL(`/proposer/modification?fiche=${record.id}`);
			await expect(page.getByLabel(/^Nom/)).toHaveValue(record.name);
		}
	});

	test('hostile inputs are refused or stored inert and shown as text; no injected script runs', async ({
		page,
		request,
		baseURL
	}) => {
		const errors = watchErrors(page);
		const dialogs = watchDialogs(page);
		const marker = unique('Hostile');
		const hostile = {
			name: `${marker} <img src=x onerror=alert(1)><script>alert(2)</script>`,
			carrier: `" onmouseover="alert(3)" autofocus onfocus="alert(4)" x="`,
			description: `Robert'); DROP TABLE proposals;-- 1' OR '1'='1 🌱🚲👩🏽‍🌾 مرحبا بالجيران שלום ‮txet desrever‬ <svg onload=alert(5)>`,
			howToJoin: `<a href="javascript:alert(6)">clic</a> javascript:alert(7)`
		};
		await page.goto('/proposer/initiative');
		await fillInitiative(page, {
			name: hostile.name,
			description: hostile.description,
			website: 'javascript:alert(8)'
		});
		await page.getByLabel(/^Nom du collectif/).fill(hostile.carrier);
		await page.getByLabel(/^Comment participer/).fill(hostile.howToJoin);
		await page.getByLabel(/^E-mail de contact/).fill('"><script>alert(9)</script>@example.org');
		await submit(page);

		// Refused: the javascript: link and the e-mail. Shown back exactly as typed, as text.
		await expect(page.locator('#f-website-erreur')).toContainText('http:// ou https://');
		await expect(page.locator('#f-email-erreur')).toContainText('adresse e-mail invalide');
		await expect(page.getByLabel(/^Nom de l’initiative/)).toHaveValue(hostile.name);
		await expect(page.getByLabel(/^Nom du collectif/)).toHaveValue(hostile.carrier);
		await expect(page.getByLabel(/^Qu’est-ce que c’est/)).toHaveValue(hostile.description);
		await expect(page.getByLabel(/^Site web/)).toHaveValue('javascript:alert(8)');
		await expect(page.locator('img[src="x"], svg[onload], [onerror], [onmouseover], [onfocus]')).toHaveCount(
			0
		);

		await page.getByLabel(/^Site web/).fill('https://example.org/?q=<b>x</b>');
		await page.getByLabel(/^E-mail de contact/).fill('');
		await submit(page);
		const ref = await referenceOf(page);
		const stored = JSON.parse((await proposal(ref))!.payload);
		// Stored inert: exactly the text typed, nothing stripped or executed; the table is still there.
		expect(stored.name).toBe(hostile.name);
		expect(stored.carrierName).toBe(hostile.carrier);
		expect(stored.description).toBe(hostile.description);
		expect(stored.howToJoin).toBe(hostile.howToJoin);
		expect((await proposals()).map((p) => p.id)).toContain(ref);
		await expectNowherePublic(request, marker);

		// SQL-looking values in the reference, the record id or a query string change nothing.
		expect(
			(await page.goto(`/proposer/merci/${encodeURIComponent("ESS-AAAA-AAAA' OR 1=1--")}`))?.status()
		).toBe(404);
		expect(
			(await page.goto(`/proposer/modification?fiche=${encodeURIComponent("x' OR '1'='1")}`))?.status()
		).toBe(404);
		expect(
			(await page.goto(`/quartiers/${encodeURIComponent('<script>alert(10)</script>')}`))?.status()
		).toBe(404);
		expect(dialogs).toEqual([]);
		// Only the 404 answers above may log (the browser reports failed navigations): nothing else.
		expect(errors.filter((e) => !/404/.test(e))).toEqual([]);

		// A 1 MB text never reaches the store: the body is refused (413) before it is read, with a clear
		// message on the form page (a browser asks for HTML; without it SvelteKit answers action JSON).
		const before = (await proposals()).length;
		const form = {
			name: 'Gros envoi',
			description: '',
			initiativeType: 'jardin-partage',
			carrierKind: 'collectif-habitants',
			'place.zone': '67482:SQ_06',
			'place.locationMode': 'quartier'
		};
		const headers = { origin: baseURL!, accept: 'text/html' };
		for (const size of [1024 * 1024, 100 * 1024]) {
			const res = await request.post('/proposer/initiative', {
				form: { ...form, description: 'x'.repeat(size) },
				headers
			});
			expect(res.status(), `${size} bytes`).toBe(413);
			const html = await res.text();
			expect(html).toContain('Votre envoi dépasse 64 Ko');
			expect(html.length).toBeLessThan(200_000);
		}
		expect((await proposals()).length).toBe(before);
	});

	test('a filled honeypot looks like a success but stores nothing', async ({ page }) => {
		const before = (await proposals()).length;
		await page.goto('/proposer/initiative');
		// People never see this field (off-screen, aria-hidden, out of the tab order).
		const trap = page.locator('input[name="homepage"]');
		await expect(trap).toHaveAttribute('tabindex', '-1');
		await expect(trap).toHaveAttribute('autocomplete', 'off');
		await expect(page.locator('[aria-hidden="true"]:has(input[name="homepage"])')).toHaveCount(1);
		await fillInitiative(page, {
			name: unique('Robot'),
			description: 'Une description assez longue pour être valide.'
		});
		await trap.evaluate((el: HTMLInputElement) => (el.value = 'http://spam.example'));
		await submit(page);
		const ref = await referenceOf(page);
		expect(await proposal(ref)).toBeUndefined();
		expect((await proposals()).length).toBe(before);
	});
});
