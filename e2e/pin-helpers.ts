/** Shared steps of the pin journeys (pin.spec.ts with MapLibre, pin-fallback.spec.ts with Leaflet). */
import { expect, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { getProposal } from '../src/lib/server/db/proposals';
import { withStore } from './store';

export const MEINAU = (
	JSON.parse(readFileSync('data/quartiers.json', 'utf8')) as {
		code: string;
		point: { lon: number; lat: number };
	}[]
).find((q) => q.code === 'SQ_07')!.point;

export const lonBox = (page: Page) => page.getByLabel(/^Longitude/);
export const latBox = (page: Page) => page.getByLabel(/^Latitude/);
export const pinMap = (page: Page) => page.getByTestId('pin-map');
export const openMap = (page: Page) => page.getByRole('button', { name: 'Placer le point sur une carte' });

export async function storedPayload(reference: string) {
	const proposal = await withStore((db) => getProposal(db, reference));
	return proposal!.payload as { place: Record<string, unknown> };
}

export async function fillStructure(page: Page, name: string) {
	await page.getByLabel(/^Nom de la structure/).fill(name);
	await page.getByLabel(/^Que fait-elle/).fill('Une structure placée sur la carte pendant les tests.');
	await page.getByLabel(/^Forme juridique/).selectOption('scic');
	await page.getByRole('checkbox', { name: "Structure de l'ESS" }).check();
	await page.getByLabel(/^Quartier ou commune/).selectOption('67482:SQ_07');
	await page.getByRole('radio', { name: /Par un point précis/ }).check();
}

export async function submitAndGetReference(page: Page): Promise<string> {
	await page.getByRole('button', { name: /^Envoyer/ }).click();
	await expect(page).toHaveURL(/\/proposer\/merci\/ESS-/);
	return ((await page.locator('.ref').textContent()) ?? '').trim();
}

/** Drags an element by (dx, dy) pixels with the mouse, in small steps as a hand would. */
export async function drag(page: Page, target: Locator, dx: number, dy: number) {
	await target.scrollIntoViewIfNeeded();
	const box = (await target.boundingBox())!;
	const x = box.x + box.width / 2;
	const y = box.y + box.height / 2;
	await page.mouse.move(x, y);
	await page.mouse.down();
	await page.mouse.move(x + dx / 2, y + dy / 2, { steps: 5 });
	await page.mouse.move(x + dx, y + dy, { steps: 5 });
	await page.mouse.up();
}

export const values = async (page: Page) => ({
	lon: Number((await lonBox(page).inputValue()).replace(',', '.')),
	lat: Number((await latBox(page).inputValue()).replace(',', '.'))
});
