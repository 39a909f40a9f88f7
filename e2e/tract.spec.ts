import { expect } from '@playwright/test';
import { test } from './fixtures';
import { expectNoAxeViolations, expectOneH1, watchErrors } from './helpers';
import { pdfPageTexts, squash } from './pdf-helpers';
import { decodeQr } from './qr-helpers';

const QUARTIER = 'cronenbourg-hautepierre';

/** Width and height of each page of a PDF, in points. */
function pageSizes(pdf: Buffer): [number, number][] {
	return [...pdf.toString('latin1').matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map(([, w, h]) => [
		Number(w),
		Number(h)
	]);
}

test.describe('printable quartier flyer', () => {
	test('the A4 flyer prints the quartier’s initiatives, the data’s date and licence, and a QR code to its page', async ({
		page,
		request,
		baseURL
	}) => {
		const errors = watchErrors(page);
		const api = await (await request.get(`/api/v1/initiatives?quartier=SQ_06&limit=100`)).json();
		const initiatives = api.items as { name: string; schedule?: string; howToJoin?: string }[];
		expect(initiatives.length).toBeGreaterThan(2);

		// Reached from the quartier page.
		await page.goto(`/quartiers/${QUARTIER}`);
		await page
			.getByRole('navigation', { name: 'Sur cette page' })
			.getByRole('link', { name: 'Imprimer un tract' })
			.click();
		await expect(page).toHaveURL(new RegExp(`/quartiers/${QUARTIER}/tract$`));
		await expectOneH1(page);
		await expectNoAxeViolations(page);

		const url = `${baseURL}/quartiers/${QUARTIER}`;
		const qr = page.getByRole('img', { name: `Code QR vers la page du quartier : ${url}` });
		await expect(qr).toBeVisible();

		await page.emulateMedia({ media: 'print' });
		await expect(page.getByRole('navigation', { name: 'Navigation principale' })).toBeHidden();
		expect(await decodeQr(page, qr)).toBe(url);

		const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
		const sizes = pageSizes(pdf);
		expect(sizes.length).toBeGreaterThan(0);
		for (const [w, h] of sizes) {
			expect(Math.abs(w - 595.28)).toBeLessThan(2);
			expect(Math.abs(h - 841.89)).toBeLessThan(2);
		}
		const text = squash(pdfPageTexts(pdf).join('\n'));
		for (const i of initiatives) {
			expect(text, `${i.name} printed`).toContain(squash(i.name));
			if (i.schedule) expect(text).toContain(squash(i.schedule));
			if (i.howToJoin) expect(text).toContain(squash(i.howToJoin));
		}
		expect(text).toContain(squash('Données vérifiées au'));
		expect(text).toContain(squash('Licence Ouverte'));
		expect(text).toContain(squash(url));
		for (const chrome of ['Aller au contenu', 'Imprimer ce tract', 'Format du tract'])
			expect(text).not.toContain(squash(chrome));
		expect(errors).toEqual([]);
	});

	test('the A5 flyer puts two copies side by side on a landscape A4 sheet', async ({ page, baseURL }) => {
		await page.goto(`/quartiers/${QUARTIER}/tract?format=a5`);
		await expectOneH1(page);
		await expectNoAxeViolations(page);
		await page.emulateMedia({ media: 'print' });
		const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
		const sizes = pageSizes(pdf);
		expect(sizes).toHaveLength(1);
		expect(Math.abs(sizes[0][0] - 841.89)).toBeLessThan(2);
		expect(Math.abs(sizes[0][1] - 595.28)).toBeLessThan(2);
		const text = squash(pdfPageTexts(pdf)[0]);
		const title = squash('Participer à');
		expect(text.split(title).length - 1, 'two copies of the flyer').toBe(2);
		// Nothing cut off at the foot of either half: both copies end with the data's date and licence.
		expect(text.split(squash('Licence Ouverte')).length - 1).toBe(2);
		expect(text.split(squash('Données vérifiées au')).length - 1).toBe(2);
		await page.setViewportSize({ width: 1123, height: 794 });
		await page.screenshot({ path: 'e2e/screenshots/tract-a5.png', fullPage: true });
		// Both copies carry a QR code that reads back to the quartier's page.
		const codes = page.locator('svg[data-qr]');
		await expect(codes).toHaveCount(2);
		for (const code of await codes.all())
			expect(await decodeQr(page, code)).toBe(`${baseURL}/quartiers/${QUARTIER}`);
	});

	test('every record page carries a share QR code of its own address', async ({ page, request, baseURL }) => {
		for (const [collection, base] of [
			['organisations', 'structures'],
			['initiatives', 'initiatives'],
			['funding-tools', 'financements']
		]) {
			const item = (
				(await (await request.get(`/api/v1/${collection}?limit=1`)).json()).items as {
					slug: string;
				}[]
			)[0];
			const url = `${baseURL}/${base}/${item.slug}`;
			await page.goto(`/${base}/${item.slug}`);
			const region = page.getByRole('region', { name: 'Partager cette fiche' });
			const code = region.getByRole('img', { name: `Code QR vers la fiche : ${url}` });
			await expect(code).toBeVisible();
			expect(await decodeQr(page, code)).toBe(url);
		}
	});
});
