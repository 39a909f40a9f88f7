import { expect } from '@playwright/test';
import { test } from './fixtures';
import { expectNoAxeViolations, expectOneH1, watchErrors } from './helpers';

test.describe('quartier pages', () => {
	test('a resident reaches Hautepierre’s initiatives from the home page in three clicks or fewer', async ({
		page
	}) => {
		const errors = watchErrors(page);
		await page.goto('/');
		let clicks = 0;

		// 1. The main navigation, present on every page, leads to the quartiers.
		await page
			.getByRole('navigation', { name: 'Navigation principale' })
			.getByRole('link', { name: 'Quartiers' })
			.click();
		clicks++;
		await expect(page).toHaveURL(/\/quartiers$/);

		// 2. Each quartier lists its sub-quartiers: Hautepierre is one tap away.
		await page
			.getByRole('region', { name: /10 quartiers de Strasbourg/ })
			.getByRole('link', { name: /^Hautepierre/ })
			.click();
		clicks++;
		await expect(page).toHaveURL(/\/quartiers\/cronenbourg-hautepierre#sq-hautepierre$/);
		await expect(page.getByRole('heading', { level: 1 })).toContainText('Hautepierre');

		// The quartier page's own navigation reaches the same section.
		await expect(
			page.getByRole('navigation', { name: 'Sur cette page' }).getByRole('link', { name: /^Hautepierre/ })
		).toHaveAttribute('href', '#sq-hautepierre');

		const section = page.locator('#sq-hautepierre');
		await expect(section.getByRole('heading', { level: 3 })).toContainText('Hautepierre');
		await expect(section.getByRole('heading', { level: 3 })).toBeInViewport();
		const cards = section.getByRole('article');
		expect(await cards.count()).toBeGreaterThan(0);
		// Each initiative says who carries it, and links to its record and to the correction form.
		await expect(cards.first()).toContainText('Porté par');
		await expect(cards.first().getByRole('link', { name: /Signaler une erreur/ })).toHaveAttribute(
			'href',
			/^\/proposer\/modification\?fiche=[a-z0-9-]+$/
		);
		expect(clicks).toBeLessThanOrEqual(3);
		// The home page's map may report an interrupted start when we leave it at once: not this journey's.
		expect(errors.filter((e) => !e.startsWith('[carte]'))).toEqual([]);
	});

	test('the index lists the 10 quartiers with their sub-quartiers and the 32 other communes', async ({
		page
	}) => {
		const errors = watchErrors(page);
		await page.goto('/quartiers');
		await expectOneH1(page);
		await expect(page).toHaveTitle(/quartiers.*Carto ESS/i);
		const strasbourg = page.getByRole('region', { name: /10 quartiers de Strasbourg/ });
		await expect(strasbourg.locator('li.area')).toHaveCount(10);
		await expect(strasbourg.getByRole('link', { name: 'Elsau', exact: true })).toHaveAttribute(
			'href',
			'/quartiers/koenigshoffen-montagne-verte-elsau#sq-elsau'
		);
		const communes = page.getByRole('region', { name: /autres communes/ });
		await expect(communes.getByRole('listitem')).toHaveCount(32);
		await expect(communes.getByRole('link', { name: /Schiltigheim/ })).toHaveAttribute(
			'href',
			'/quartiers/schiltigheim'
		);
		await expectNoAxeViolations(page);
		expect(errors).toEqual([]);
	});

	test('a quartier page shows key numbers, structures, funding for residents and a map link', async ({
		page
	}) => {
		const errors = watchErrors(page);
		await page.goto('/quartiers/cronenbourg-hautepierre');
		await expectOneH1(page);
		await expect(page).toHaveTitle(/Cronenbourg.*Quartier de Strasbourg · Carto ESS/);
		const numbers = page.getByRole('list', { name: 'Chiffres clés' });
		await expect(numbers).toContainText('initiatives et ressources');
		await expect(numbers).toContainText('quartiers prioritaires (QPV)');
		await expect(page.getByRole('link', { name: /Voir .* sur la carte/ })).toHaveAttribute(
			'href',
			/^\/carte\?lieu=SQ_06&at=15\/48\.\d{5}\/7\.\d{5}$/
		);
		const mapLink = await page.getByRole('link', { name: /Voir .* sur la carte/ }).getAttribute('href');
		expect((await page.request.get(mapLink!)).status()).toBe(200);
		await expect(page.getByRole('heading', { name: 'Structures de l’ESS ici ou à côté' })).toBeVisible();
		const funding = page.locator('#financer');
		await expect(funding.getByRole('heading', { level: 2 })).toHaveText(
			'Financer une initiative d’habitants'
		);
		await expect(funding.getByRole('link', { name: /Tous les financements/ })).toBeVisible();
		await expect(page.getByRole('link', { name: /Proposer une initiative à/ })).toHaveAttribute(
			'href',
			'/proposer/initiative?zone=cronenbourg-hautepierre'
		);
		await expectNoAxeViolations(page);
		expect(errors).toEqual([]);
	});

	test('readable on a phone: no sideways scrolling and large tap targets', async ({ page }) => {
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto('/quartiers/neudorf-port-du-rhin');
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
		expect(overflow).toBeLessThanOrEqual(0);
		const targets = page.locator('nav[aria-label="Sur cette page"] a, article h4 a, .cta a');
		const n = await targets.count();
		expect(n).toBeGreaterThan(3);
		for (let i = 0; i < n; i++) {
			const box = await targets.nth(i).boundingBox();
			expect(box?.height, `tap target ${i}`).toBeGreaterThanOrEqual(44);
		}
	});

	test('communes and Strasbourg have pages too; unknown slugs answer 404', async ({ page }) => {
		await page.goto('/quartiers/schiltigheim');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Schiltigheim');
		await expect(page.getByRole('list', { name: 'Chiffres clés' })).toContainText('habitants');
		await expectNoAxeViolations(page);

		await page.goto('/quartiers/strasbourg');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Strasbourg');
		await expect(
			page.getByRole('region', { name: 'Les quartiers de Strasbourg' }).getByRole('listitem')
		).toHaveCount(10);

		const res = await page.goto('/quartiers/nulle-part');
		expect(res?.status()).toBe(404);
	});

	test('page titles are unique across quartier pages', async ({ page }) => {
		const titles = new Set<string>();
		const paths = [
			'/quartiers',
			'/quartiers/meinau',
			'/quartiers/neuhof',
			'/quartiers/illkirch-graffenstaden'
		];
		for (const path of paths) {
			await page.goto(path);
			titles.add(await page.title());
		}
		expect(titles.size).toBe(paths.length);
	});
});
