import { expect, type Page } from '@playwright/test';

/**
 * Records every Content-Security-Policy violation the page reports (a blocked image, fetch, style or eval),
 * from before its first script runs. Read with `cspViolations(page)`.
 */
export async function watchCsp(page: Page) {
	await page.addInitScript(() => {
		const seen: string[] = [];
		(window as unknown as { __csp: string[] }).__csp = seen;
		document.addEventListener('securitypolicyviolation', (e) => {
			seen.push(
				`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`
			);
		});
	});
}

export async function expectNoCspViolation(page: Page) {
	// Violations are reported asynchronously: give the last ones a moment to arrive.
	await page.waitForTimeout(300);
	expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
}
