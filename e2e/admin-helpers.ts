/**
 * Accounts and fixtures for the maintainers' workspace tests. Accounts are created with the real
 * `npm run admin:create` script against the e2e database; other fixtures (proposals, import jobs) are
 * written with the store's own functions, as the public forms and uploads would.
 */
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { getUserForLogin } from '../src/lib/server/db/users';
import { storeEnv, withStore } from './store';

export const PASSWORD = 'mot de passe de test e2e 2026';

/** Creates the account with scripts/admin-create.ts unless it exists. */
export async function ensureAccount(email: string, name: string, role: 'admin' | 'editor') {
	if (await withStore((db) => getUserForLogin(db, email))) return;
	execFileSync(
		process.execPath,
		[
			'node_modules/tsx/dist/cli.mjs',
			'scripts/admin-create.ts',
			'--email',
			email,
			'--name',
			name,
			'--role',
			role
		],
		{
			env: { ...storeEnv(), ADMIN_PASSWORD: PASSWORD },
			stdio: 'pipe'
		}
	);
}

/**
 * Opens a page and waits for hydration: text typed before it can be reset by the hydrating form
 * (values rendered by the server are applied again).
 */
export async function gotoReady(page: Page, path: string) {
	await page.goto(path);
	await page.waitForLoadState('networkidle');
}

export async function login(page: Page, email: string, password = PASSWORD) {
	await gotoReady(page, '/admin/connexion');
	await page.getByLabel('E-mail').fill(email);
	await page.getByLabel('Mot de passe').fill(password);
	await page.getByRole('button', { name: 'Se connecter' }).click();
	await expect(page).toHaveURL(/\/admin$/);
}

/**
 * Logs an API context in by posting the login form (same cookie as a browser). `accept: text/html` makes
 * SvelteKit answer form actions as to a browser without JavaScript (real status codes, not JSON envelopes).
 */
export async function apiLogin(request: APIRequestContext, baseURL: string, email: string) {
	const res = await request.post('/admin/connexion', {
		form: { email, password: PASSWORD, redirectTo: '/admin' },
		headers: { origin: baseURL, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(res.status(), `login of ${email}`).toBe(303);
}
