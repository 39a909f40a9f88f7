import { test } from './fixtures';
import { existsSync } from 'node:fs';
import { CHROMIUM_ARGS } from '../playwright.config';
import { expectNoCspViolation, watchCsp } from './csp-helpers';
import { DESKTOP, waitForMap } from './map-helpers';

// The Leaflet fallback (no WebGL) under the same policy: its CSS icons are data: images, its markers styled
// through the DOM.
test.use({
	viewport: DESKTOP,
	launchOptions: {
		executablePath: existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined,
		args: [...CHROMIUM_ARGS, '--disable-software-rasterizer']
	}
});

test('the Leaflet map draws without any CSP violation', async ({ page }) => {
	await watchCsp(page);
	await page.goto('/carte');
	await waitForMap(page, 'leaflet');
	await expectNoCspViolation(page);
});
