/** The pin where WebGL is missing (remote desktops, old office machines): the same marker, drawn by Leaflet. */
import { expect } from '@playwright/test';
import { test } from './fixtures';
import { existsSync } from 'node:fs';
import { CHROMIUM_ARGS } from '../playwright.config';
import { gotoReady } from './admin-helpers';
import { expectNoAxeViolations, watchErrors } from './helpers';
import { MEINAU, drag, fillStructure, latBox, lonBox, openMap, pinMap, values } from './pin-helpers';

// Without a software rasterizer chromium has no WebGL.
test.use({
	launchOptions: {
		executablePath: existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined,
		args: [...CHROMIUM_ARGS, '--disable-software-rasterizer']
	}
});

test('the same marker to drag, nudge with the arrows, and place with Enter', async ({ page }) => {
	const errors = watchErrors(page);
	await gotoReady(page, '/proposer/structure');
	await fillStructure(page, `Structure sans WebGL ${Date.now().toString(36)}`);
	await openMap(page).click();
	await expect(pinMap(page)).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });
	await expect(pinMap(page)).toHaveAttribute('data-engine', 'leaflet');
	const marker = page.getByRole('button', { name: /Repère du lieu/ });
	await drag(page, marker, 100, 0);
	await expect.poll(async () => (await values(page)).lon).toBeGreaterThan(MEINAU.lon);
	const dragged = await values(page);
	await marker.focus();
	await page.keyboard.press('Shift+ArrowUp');
	await expect.poll(async () => (await values(page)).lat).toBeGreaterThan(dragged.lat);
	await pinMap(page).focus();
	await page.keyboard.press('Enter');
	await expect.poll(async () => (await values(page)).lon).toBeCloseTo(MEINAU.lon, 3);
	await latBox(page).fill('48.57');
	await lonBox(page).fill('7.75');
	await expect(pinMap(page)).toHaveAttribute('data-pin', '7.75,48.57');
	await expectNoAxeViolations(page);
	expect(errors).toEqual([]);
});
