import { getContext, setContext } from 'svelte';
import type { Bbox } from '$lib/geo/types';
import type { MapView } from '$lib/domain/map/map-url';
import type { BenchHooks } from './engine/bench';
import type { CentreInfo, EngineKind, MapEngine } from './engine/types';

/**
 * The live map, shared by the components around it (list, panel, "autour de moi", legend) through
 * context, never a module singleton (the server renders for many visitors at once).
 */
export class MapContext {
	engine = $state.raw<MapEngine | undefined>(undefined);
	kind = $state<EngineKind | undefined>(undefined);
	status = $state<'waiting' | 'loading' | 'ready' | 'failed'>('waiting');
	/** Said discreetly when the configured basemap could not be loaded. */
	notice = $state<string | undefined>(undefined);
	/** What is under the keyboard crosshair, for the live region. */
	centre = $state.raw<CentreInfo | undefined>(undefined);
	view = $state.raw<MapView | undefined>(undefined);
	bounds = $state.raw<Bbox | undefined>(undefined);
	/** Counts the data drawn (points or the server's clusters), for the benchmark's filter change. */
	drawCount = $state(0);
	/** The live engine's benchmark and test hooks, only on a page opened with ?bench=1 (engine/bench.ts). */
	bench: BenchHooks | undefined = undefined;
	/** A box asked for before the map existed (a phone showing the list): shown when the map starts. */
	pendingFit: Bbox | undefined = undefined;
	/** The keyboard focus was asked for (« Aller à la carte ») before the map existed. */
	pendingFocus = false;
	/** The legend unfolded; undefined until the page knows the screen's size (folded on a phone). */
	legendOpen = $state<boolean | undefined>(undefined);

	/** Set by the map view: puts the keyboard focus on the map (or on its place when it failed). */
	focusTarget: (() => void) | undefined = undefined;

	/** Focuses the map: now if it is there, else as soon as it starts. */
	focus() {
		if (this.focusTarget && (this.engine || this.status === 'failed')) this.focusTarget();
		else this.pendingFocus = true;
	}

	/** Shows a box: now if the map is there, else as soon as it starts. */
	fit(box: Bbox) {
		if (this.engine) this.engine.fitBounds(box);
		else this.pendingFit = box;
	}
}

const KEY = Symbol('carto-map');

export function setMapContext(ctx: MapContext): MapContext {
	return setContext(KEY, ctx);
}

export function getMapContext(): MapContext {
	const ctx = getContext<MapContext | undefined>(KEY);
	if (!ctx) throw new Error('MapContext absent : composant à placer dans Explorer');
	return ctx;
}
