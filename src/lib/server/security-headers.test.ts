import { describe, expect, it } from 'vitest';
import { securityHeaders, servedOverHttps, staticContentType } from './security-headers.js';

describe('security headers', () => {
	it('always sends nosniff, the frame and referrer policies', () => {
		expect(securityHeaders({})).toMatchObject({
			'x-content-type-options': 'nosniff',
			'x-frame-options': 'SAMEORIGIN',
			'referrer-policy': 'strict-origin-when-cross-origin'
		});
	});

	it('adds HSTS only when the site is served over https', () => {
		expect(securityHeaders({ PUBLIC_SITE_URL: 'http://localhost:3000' })).not.toHaveProperty(
			'strict-transport-security'
		);
		expect(securityHeaders({ ORIGIN: 'https://carto-ess.example.org' })).toHaveProperty(
			'strict-transport-security',
			'max-age=31536000'
		);
		expect(servedOverHttps({ ORIGIN: 'http://x', PUBLIC_SITE_URL: 'HTTPS://carto.example' })).toBe(true);
		expect(servedOverHttps({ ORIGIN: 'httpsx://x' })).toBe(false);
	});

	it('names the type of glyph PBFs', () => {
		expect(staticContentType('/glyphs/DejaVu%20Sans%20Book/0-255.pbf')).toBe('application/x-protobuf');
		expect(staticContentType('/glyphs/x.pbf.gz')).toBeUndefined();
		expect(staticContentType('/favicon.svg')).toBeUndefined();
	});
});
