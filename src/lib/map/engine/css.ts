const loaded = new Map<string, Promise<void>>();

/**
 * Adds a map library's stylesheet when its engine loads. Imported normally, the 90 KB of MapLibre and Leaflet
 * CSS would be linked from every page that may show a map, and slow its first render.
 */
export function loadCss(href: string): Promise<void> {
	let p = loaded.get(href);
	if (!p) {
		p = new Promise<void>((resolve) => {
			const link = document.createElement('link');
			link.rel = 'stylesheet';
			link.href = href;
			// A missing stylesheet only makes the controls plainer: never block the map on it.
			link.onload = link.onerror = () => resolve();
			document.head.append(link);
		});
		loaded.set(href, p);
	}
	return p;
}
