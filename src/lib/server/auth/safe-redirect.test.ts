import { describe, expect, it } from 'vitest';
import { safeRedirect } from './safe-redirect';

describe('safeRedirect', () => {
	it('keeps a path of the workspace with its query', () => {
		expect(safeRedirect('/admin')).toBe('/admin');
		expect(safeRedirect('/admin/')).toBe('/admin/');
		expect(safeRedirect('/admin/fiches?kind=organisation')).toBe('/admin/fiches?kind=organisation');
		expect(safeRedirect('/admin/fiches/jardin-test/historique')).toBe('/admin/fiches/jardin-test/historique');
		// A query may hold anything: it stays inside the page's own parameters.
		expect(safeRedirect('/admin/fiches?q=//x&next=https://y')).toBe('/admin/fiches?q=//x&next=https://y');
	});

	it('normalises dot segments that stay inside /admin and drops the fragment', () => {
		expect(safeRedirect('/admin/./fiches')).toBe('/admin/fiches');
		expect(safeRedirect('/admin/import/../fiches')).toBe('/admin/fiches');
		expect(safeRedirect('/admin/fiches#haut')).toBe('/admin/fiches');
	});

	it.each([
		null,
		undefined,
		'',
		'https://evil.example',
		'http:/admin',
		'javascript:alert(1)',
		'//evil.example',
		'///evil.example',
		'/administration',
		'/admin\\@evil',
		'/admin/\\\\evil.example',
		'/admin/../..//x',
		'/admin/../x',
		'/admin/..',
		'/admin/%2e%2e/%2e%2e//x',
		'/admin/%2E%2E/x',
		'/admin/..%2f..%2fx',
		'/admin%2f..%2f..%2fx',
		'/admin/%5c%5cevil.example',
		'/admin//evil.example',
		'/admin/fiches//x',
		'/admin\t/x',
		'/admin\n/x',
		' /admin',
		'/admin/x y',
		`/admin/${'a'.repeat(2001)}`
	])('refuses %j', (bad) => {
		expect(safeRedirect(bad)).toBe('/admin');
	});
});
