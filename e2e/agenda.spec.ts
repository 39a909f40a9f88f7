import { expect } from '@playwright/test';
import ICAL from 'ical.js';
import { test } from './fixtures';
import { ensureAccount, gotoReady, login } from './admin-helpers';
import { expectOneH1 } from './helpers';

/** /agenda without JavaScript, and an event from the public form to the agenda, the map and the .ics. */

const EDITOR = 'agenda-edition@example.org';

test.describe('agenda without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the GET form filters by commune, quartier and thématique; the archive stays reachable', async ({
		page
	}) => {
		await page.goto('/agenda');
		await expectOneH1(page);
		await expect(
			page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Agenda' })
		).toHaveAttribute('aria-current', 'page');
		await page.getByRole('link', { name: /^Passés/ }).click();
		await expect(page).toHaveURL(/passes=1/);
		await expect(page.getByRole('heading', { name: 'Événements passés' })).toBeVisible();
		await expect(
			page.getByRole('link', { name: 'Entrepreneurs sociaux, prenez la parole !', exact: true })
		).toBeVisible();

		await page.getByLabel('Commune').selectOption('strasbourg');
		await page.getByLabel('Thématique').selectOption('innovation-sociale');
		await page.getByRole('button', { name: 'Afficher les événements' }).click();
		await expect(page).toHaveURL(/commune=strasbourg/);
		await expect(page).toHaveURL(/thematique=innovation-sociale/);
		await expect(page).toHaveURL(/passes=1/);
		await expect(page.getByLabel('Commune')).toHaveValue('strasbourg');
		await expect(
			page.getByRole('link', { name: 'Entrepreneurs sociaux, prenez la parole !', exact: true })
		).toBeVisible();
		// The Conseil's sessions have no known commune: filtered out, not guessed into Strasbourg.
		await expect(page.getByRole('link', { name: /Plénière du Conseil/ })).toHaveCount(0);

		await page.getByRole('link', { name: 'Entrepreneurs sociaux, prenez la parole !', exact: true }).click();
		await expectOneH1(page);
		await expect(page.getByText('du 16 au 17 janvier 2014')).toBeVisible();
		const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? '{}');
		expect(ld).toMatchObject({ '@type': 'Event', startDate: '2014-01-16', endDate: '2014-01-17' });
	});

	test('the annuaire points to the agenda of the same quartier; /donnees to the events’ API and files', async ({
		page,
		request
	}) => {
		await page.goto('/annuaire?quartier=neuhof');
		await page.getByRole('link', { name: 'l’agenda', exact: true }).click();
		await expect(page).toHaveURL(/\/agenda\?quartier=neuhof$/);
		await expectOneH1(page);

		await page.goto('/donnees');
		await expect(page.getByRole('link', { name: '/api/v1/evenements', exact: true })).toBeVisible();
		const csv = page
			.getByRole('listitem')
			.filter({ hasText: 'Événements' })
			.getByRole('link', { name: 'CSV' });
		const res = await request.get((await csv.getAttribute('href'))!);
		expect(res.ok()).toBe(true);
		expect(await res.text()).toContain('startDate');
		// The seed's events are all past: none by default, all of them with passes=1, with their dates in ISO 8601.
		const upcoming = await (await request.get('/api/v1/evenements')).json();
		const all = await (await request.get('/api/v1/evenements?passes=1&limit=1000')).json();
		expect(all.total).toBeGreaterThan(upcoming.total);
		expect(
			all.items.find((i: { id: string }) => i.id === 'entrepreneurs-sociaux-prenez-la-parole-2014')?.schedule
		).toMatchObject({ start: '2014-01-16', end: '2014-01-17', past: true });
		const bad = await request.get('/api/v1/evenements?depuis=demain');
		expect(bad.status()).toBe(400);
		expect((await bad.json()).error.parameter).toBe('depuis');
	});
});

test('an event proposed, approved, then on /agenda, on the map’s events layer and in agenda.ics', async ({
	page,
	request
}) => {
	await ensureAccount(EDITOR, 'Agenda Édition', 'editor');
	const name = `Fête des associations ${Date.now().toString(36)}`;
	const day = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);

	await gotoReady(page, '/proposer/evenement');
	await expectOneH1(page);
	await page.getByLabel(/^Titre de l’événement/).fill(name);
	await page
		.getByLabel(/^Description/)
		.fill('Les associations du Neuhof présentent leurs activités sur des stands.');
	await page.getByLabel(/^Date \(ou premier jour\)/).fill(day);
	await page.getByLabel(/^Heure de début/).fill('14:00');
	await page.getByLabel(/^Heure de fin/).fill('18:00');
	await page.getByLabel(/^Quartier ou commune/).selectOption('67482:SQ_10');
	await page.getByRole('radio', { name: 'Seulement le quartier ou la commune' }).check();
	await page.getByRole('button', { name: /^Envoyer/ }).click();
	await expect(page).toHaveURL(/\/proposer\/merci\/ESS-/);
	const reference = ((await page.locator('.ref').textContent()) ?? '').trim();

	// Not public before moderation.
	expect(await (await request.get('/agenda')).text()).not.toContain(name);

	await login(page, EDITOR);
	await gotoReady(page, `/admin/moderation/${reference}`);
	await page.getByRole('button', { name: 'Approuver' }).click();
	await expect(page.getByRole('status')).toContainText('Proposition approuvée');

	await page.goto('/agenda?quartier=neuhof');
	await expect(page.getByRole('link', { name })).toBeVisible();
	await page.getByRole('link', { name }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);

	await page.goto('/carte?couches=evenements');
	await expect(page.locator('#lieux-liste')).toContainText(name);

	const ics = await (await request.get('/agenda.ics?quartier=neuhof')).text();
	const cal = new ICAL.Component(ICAL.parse(ics));
	const event = cal
		.getAllSubcomponents('vevent')
		.map((v) => new ICAL.Event(v))
		.find((e) => e.summary === name);
	expect(event?.startDate.toString()).toBe(`${day}T14:00:00`);
	expect(event?.component.getFirstProperty('dtstart')?.getParameter('tzid')).toBe('Europe/Paris');

	// The read API and the sitemap have it too, with its hour in ISO 8601 and Strasbourg's offset.
	const api = await (await request.get('/api/v1/evenements?quartier=neuhof')).json();
	const item = api.items.find((i: { name: string }) => i.name === name);
	expect(item.schedule.start).toMatch(new RegExp(`^${day}T14:00:00\\+0[12]:00$`));
	expect(item.confidence).toBe('low');
	expect(await (await request.get('/sitemap.xml')).text()).toContain(`/agenda/${item.slug}</loc>`);
});
