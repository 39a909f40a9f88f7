/**
 * Basemaps (PUBLIC_BASEMAP), all usable without a key.
 * - ign: Plan IGN vector tiles, "atténué" style, designed for data overlays; TMS and WMTS are exempt from
 *   the Géoplateforme's per-IP rate limit (https://geoservices.ign.fr/node/1551). Licence Ouverte; credited
 *   "© IGN – Plan IGN". Without WebGL, Leaflet uses the Plan IGN raster WMTS.
 * - openfreemap: OpenFreeMap "positron" (OpenStreetMap data; no key, no registration, no SLA:
 *   https://openfreemap.org); vector only; the style carries its own attribution.
 * - offline: built by this app (src/lib/map/engine/offline-style.ts): background, commune and quartier
 *   outlines when imported, commune names, self-hosted glyphs. Used by the tests, and whenever another
 *   basemap cannot load.
 */
export const BASEMAP_CODES = ['offline', 'ign', 'openfreemap'] as const;
export type BasemapCode = (typeof BASEMAP_CODES)[number];

export interface Basemap {
	code: BasemapCode;
	label: string;
	/** MapLibre style URL (none for the offline style, built in the browser). */
	styleUrl?: string;
	/** Raster tiles for Leaflet when WebGL is missing. */
	raster?: { url: string; maxZoom: number; tileSize: number };
	/** HTML attribution from our constants only (never from data). */
	attribution: string;
}

const IGN_ATTRIBUTION =
	'<a href="https://geoservices.ign.fr/documentation/services/services-geoplateforme/diffusion">© IGN – Plan IGN</a>';

export const BASEMAPS: Record<BasemapCode, Basemap> = {
	ign: {
		code: 'ign',
		label: 'Plan IGN',
		styleUrl: 'https://data.geopf.fr/annexes/ressources/vectorTiles/styles/PLAN.IGN/attenue.json',
		raster: {
			url:
				'https://data.geopf.fr/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2' +
				'&STYLE=normal&TILEMATRIXSET=PM&FORMAT=image/png&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}',
			maxZoom: 19,
			tileSize: 256
		},
		attribution: IGN_ATTRIBUTION
	},
	openfreemap: {
		code: 'openfreemap',
		label: 'OpenFreeMap',
		styleUrl: 'https://tiles.openfreemap.org/styles/positron',
		// The style carries "OpenFreeMap © OpenMapTiles Data from OpenStreetMap" in its source.
		attribution: '<a href="https://www.openstreetmap.org/copyright">© les contributeurs d’OpenStreetMap</a>'
	},
	offline: {
		code: 'offline',
		label: 'Fond simplifié',
		// The outlines' own sources are credited beside it, from what geo:import recorded.
		attribution: 'Fond simplifié Carto ESS'
	}
};

/**
 * Why the configured basemap gave way to the offline one: its tiles or style could not be fetched, it took
 * too long, or it needs WebGL (Leaflet without WebGL has no vector style).
 */
export type BasemapFallbackReason = 'tiles' | 'style' | 'timeout' | 'webgl';
export interface BasemapFallback {
	basemap: BasemapCode;
	reason: BasemapFallbackReason;
}

const FRENCH_REASONS: Record<Exclude<BasemapFallbackReason, 'webgl'>, string> = {
	tiles: 'tuiles injoignables',
	style: 'style illisible ou injoignable',
	timeout: 'délai dépassé'
};

/** The map's notice in French (pages in other languages write it with lib/i18n/map-notice.ts). */
export function basemapFallbackMessage({ basemap, reason }: BasemapFallback): string {
	const label = BASEMAPS[basemap].label;
	return reason === 'webgl'
		? `Le fond « ${label} » demande WebGL, absent de ce navigateur : fond simplifié affiché.`
		: `Le fond « ${label} » est indisponible (${FRENCH_REASONS[reason]}) : fond simplifié affiché.`;
}

/** Glyph PBFs made by scripts/make-glyphs.ts (DejaVu Sans), served from static/glyphs (route.glyphs). */
export const OFFLINE_FONT = 'DejaVu Sans Book';
export const OFFLINE_FONT_BOLD = 'DejaVu Sans Bold';
