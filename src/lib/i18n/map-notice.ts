/**
 * The map's notice when its basemap cannot load, in the reader's language. The basemaps' names (« Plan
 * IGN », « OpenFreeMap ») are names; French pages read lib/domain's sentence as before.
 */
import { basemapFallbackMessage, type BasemapFallback } from '$lib/domain/map/basemaps';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';

const REASONS: Record<Exclude<BasemapFallback['reason'], 'webgl'>, () => string> = {
	tiles: m.mapnotice_reason_tiles,
	style: m.mapnotice_reason_style,
	timeout: m.mapnotice_reason_timeout
};

export function basemapFallbackNotice(fallback: BasemapFallback): string {
	if (getLocale() === 'fr') return basemapFallbackMessage(fallback);
	const name =
		fallback.basemap === 'ign'
			? 'Plan IGN'
			: fallback.basemap === 'openfreemap'
				? 'OpenFreeMap'
				: m.mapnotice_offline_name();
	return fallback.reason === 'webgl'
		? m.mapnotice_needs_webgl({ name })
		: m.mapnotice_unavailable({ name, reason: REASONS[fallback.reason]() });
}
