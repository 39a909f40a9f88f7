import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: {
		runes: true
	},
	kit: {
		// BUILD_DIR / KIT_OUT_DIR let several builds run side by side (parallel e2e runs); defaults for everyone else.
		adapter: adapter({ out: process.env.BUILD_DIR ?? 'build' }),
		outDir: process.env.KIT_OUT_DIR ?? '.svelte-kit',
		// The policy of every page. Hashes, not nonces: a nonce would be frozen into pages kept by the page cache
		// (src/lib/server/page-cache.ts). The configured basemap's hosts are added to img-src and connect-src per
		// request (src/lib/server/csp.ts); nothing else leaves the site.
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				// Stylesheets are files; style attributes stay allowed because Svelte renders `style:` directives
				// (legend swatches) as attributes and app.html wraps the body in one. No inline <style> element.
				'style-src': ['self'],
				'style-src-attr': ['unsafe-inline'],
				// data: for images Vite inlines (Leaflet's CSS icons), blob: for MapLibre's.
				'img-src': ['self', 'data:', 'blob:'],
				'connect-src': ['self'],
				'worker-src': ['self', 'blob:'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				// Our own pages only; an embed route would open this for itself.
				'frame-ancestors': ['self']
			}
		}
	}
};

export default config;
