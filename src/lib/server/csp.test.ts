import { describe, expect, it } from 'vitest';
import { basemapOrigins, framedByAnyone, pageBasemaps, pagePolicy, withOrigins } from './csp';
import { LOCALES, localizePath } from '$lib/i18n/paths';
import { framingAllowed } from './security-headers.js';

const POLICY =
	"default-src 'self'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'self'; script-src 'self' 'sha256-abc='";

describe('CSP basemap hosts', () => {
	it('knows the hosts of each basemap, none for the offline one', () => {
		expect(basemapOrigins('ign')).toEqual(['https://data.geopf.fr']);
		expect(basemapOrigins('openfreemap')).toEqual(['https://tiles.openfreemap.org']);
		expect(basemapOrigins('offline')).toEqual([]);
	});

	it('opens img-src and connect-src only, to the configured basemap and the one in ?fond=', () => {
		expect(pageBasemaps('ign', new URL('http://x/carte'))).toEqual(['ign']);
		expect(pageBasemaps('offline', new URL('http://x/carte?fond=openfreemap'))).toEqual([
			'offline',
			'openfreemap'
		]);
		expect(pageBasemaps('ign', new URL('http://x/carte?fond=https://evil.example'))).toEqual(['ign']);
		const policy = pagePolicy(POLICY, 'ign', new URL('http://x/?fond=openfreemap'));
		expect(policy).toBe(
			"default-src 'self'; img-src 'self' data: blob: https://data.geopf.fr https://tiles.openfreemap.org; connect-src 'self' https://data.geopf.fr https://tiles.openfreemap.org; frame-ancestors 'self'; script-src 'self' 'sha256-abc='"
		);
	});

	it('leaves a policy unchanged for the offline basemap, and adds a host once', () => {
		expect(pagePolicy(POLICY, 'offline', new URL('http://x/'))).toBe(POLICY);
		const once = withOrigins(POLICY, ['https://a.example']);
		expect(withOrigins(once, ['https://a.example'])).toBe(once);
	});
});

describe('embeds', () => {
	it('open frame-ancestors to anyone and keep every other directive', () => {
		const policy = "default-src 'self'; img-src 'self' data:; frame-ancestors 'self'; object-src 'none'";
		expect(framedByAnyone(policy)).toBe(
			"default-src 'self'; img-src 'self' data:; frame-ancestors *; object-src 'none'"
		);
	});

	it('are the only paths that may be framed', () => {
		expect(framingAllowed('/embed/carte')).toBe(true);
		expect(framingAllowed('/embed/quartier/meinau')).toBe(true);
		// In every language the site has, and in no other.
		for (const locale of LOCALES)
			expect(framingAllowed(localizePath('/embed/carte', locale)), locale).toBe(true);
		for (const path of [
			'/',
			'/carte',
			'/integrer',
			'/embed',
			'/embedded/carte',
			'/admin',
			'/de/carte',
			'/it/embed/carte'
		])
			expect(framingAllowed(path), path).toBe(false);
	});
});
