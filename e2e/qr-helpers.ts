import { expect, type Locator, type Page } from '@playwright/test';
import jsQR from 'jsqr';

/**
 * Reads a QR code the way a phone would: a screenshot of what the browser drew (PNG), turned into pixels by
 * the page's own canvas (no PNG decoder needed in Node), then decoded by jsQR. Returns the encoded text.
 */
export async function decodeQr(page: Page, code: Locator): Promise<string> {
	const png = await code.screenshot();
	const pixels = await page.evaluate(async (b64) => {
		const img = new Image();
		img.src = `data:image/png;base64,${b64}`;
		await img.decode();
		const canvas = document.createElement('canvas');
		canvas.width = img.naturalWidth;
		canvas.height = img.naturalHeight;
		const ctx = canvas.getContext('2d')!;
		ctx.drawImage(img, 0, 0);
		const { data, width, height } = ctx.getImageData(0, 0, canvas.width, canvas.height);
		return { data: Array.from(data), width, height };
	}, png.toString('base64'));
	const found = jsQR(Uint8ClampedArray.from(pixels.data), pixels.width, pixels.height);
	expect(found, 'a QR code is readable in the screenshot').not.toBeNull();
	return found!.data;
}
