/**
 * Where the login sends a maintainer: only a path of the workspace, whatever `redirectTo` holds (the form's
 * hidden field and the 303 after a right password).
 */
import { describe, expect, inject, it } from 'vitest';
import { header, newClient, postForm, raw } from './http';

const BAD = [
	'https://evil.example',
	'//evil.example',
	'/\\evil.example',
	'/admin/../..//evil.example',
	'/admin/%2e%2e/%2e%2e//evil.example',
	'/admin//evil.example',
	'/admin\\..\\..\\evil.example',
	'javascript:alert(1)',
	'/administration',
	'/admin/..%2f..%2fevil'
];

describe('redirectTo after login', () => {
	it.each(BAD)('the form carries /admin for %j', async (target) => {
		const res = await raw(`/admin/connexion?redirectTo=${encodeURIComponent(target)}`);
		expect(res.status).toBe(200);
		expect(res.body).toMatch(/name="redirectTo" value="\/admin"/);
	});

	it('keeps a real page of the workspace', async () => {
		const res = await raw(
			`/admin/connexion?redirectTo=${encodeURIComponent('/admin/fiches?kind=organisation')}`
		);
		expect(res.body).toContain('name="redirectTo" value="/admin/fiches?kind=organisation"');
	});

	it('sends a logged-in maintainer to /admin whatever was posted, and to the page asked when it is one', async () => {
		const { email, password } = inject('admin');
		for (const [target, expected] of [
			['/admin/../..//evil.example', '/admin'],
			['https://evil.example/admin', '/admin'],
			['/admin/./moderation', '/admin/moderation']
		]) {
			const res = await postForm(
				'/admin/connexion',
				[
					['email', email],
					['password', password],
					['redirectTo', target]
				],
				newClient()
			);
			expect(res.status, target).toBe(303);
			expect(header(res, 'location'), target).toBe(expected);
			expect(header(res, 'set-cookie')).toMatch(/HttpOnly/i);
		}
	});
});
