import { getContext, setContext } from 'svelte';
import type { Bbox } from '$lib/domain/coordinates';
import type { BasemapCode } from '$lib/domain/map/basemaps';
import {
	filterPoints,
	limitToZone,
	nameMatcher,
	NO_FILTERS,
	type Around,
	type Filtered,
	type PointFilters
} from '$lib/domain/map/filter';
import { LIST_STEP, type ExplorerUrlState, type MapView, type PhoneView } from '$lib/domain/map/map-url';
import type { MapPoint } from '$lib/domain/map/points';
import { nearest } from './around';

export { LIST_STEP };

/**
 * The explorer's state: what the visitor asked (text, filters, zone, selection, "autour de moi") and what
 * follows from it (the map's points, the list). The map and the list both read `filtered`, so they always
 * show the same records. `all` is raw (not deeply reactive): tens of thousands of points must not be proxied.
 */
export class ExplorerState {
	q = $state('');
	filters = $state<PointFilters>({ ...NO_FILTERS, layers: [] });
	zone = $state.raw<Bbox | undefined>(undefined);
	vue = $state<PhoneView>('liste');
	fond = $state<BasemapCode | undefined>(undefined);
	quartiers = $state(false);
	sel = $state<string | undefined>(undefined);
	around = $state.raw<Around | undefined>(undefined);
	/** Several records at one spot, listed for the visitor to choose. */
	sameSpot = $state.raw<string[] | undefined>(undefined);

	all = $state.raw<readonly MapPoint[]>([]);
	/** The points' code dictionary ($lib/domain/map/points.ts). */
	dict = $state.raw<readonly string[]>([]);
	loaded = $state(false);
	loadError = $state<string | undefined>(undefined);
	/** Ids from the search index for `q`; undefined while it has not answered (names are matched meanwhile). */
	textIds = $state.raw<ReadonlySet<string> | undefined>(undefined);
	listLimit = $state(LIST_STEP);

	/** What the map draws. */
	readonly filtered: Filtered = $derived.by(() => {
		const filtered = filterPoints(this.all, this.dict, this.filters, {
			textIds: this.q ? this.textIds : undefined,
			nameMatch: this.q && !this.textIds ? nameMatcher(this.q) : undefined
		});
		return this.around ? nearest(filtered.points, this.around) : filtered;
	});
	/** What the list shows: the map's points, limited to the zone when asked. */
	readonly list: Filtered = $derived(limitToZone(this.filtered, this.zone));

	constructor(initial: ExplorerUrlState) {
		this.q = initial.q;
		this.filters = structuredClone(initial.filters) as PointFilters;
		this.zone = initial.zone;
		this.vue = initial.vue;
		this.fond = initial.fond;
		this.quartiers = initial.quartiers;
		this.sel = initial.sel;
	}

	urlState(at: MapView | undefined): ExplorerUrlState {
		return {
			q: this.q,
			filters: $state.snapshot(this.filters) as PointFilters,
			zone: this.zone,
			vue: this.vue,
			fond: this.fond,
			quartiers: this.quartiers,
			sel: this.sel,
			at
		};
	}

	/**
	 * A point by id. A search, not an index: it runs on a selection, not per frame, and an index of 50k
	 * entries would cost megabytes for nothing.
	 */
	point(id: string | undefined): MapPoint | undefined {
		return id === undefined ? undefined : this.all.find((p) => p.id === id);
	}

	select(id: string | undefined) {
		this.sel = id;
		this.sameSpot = undefined;
	}
}

const KEY = Symbol('carto-explorer');

export function setExplorerState(s: ExplorerState): ExplorerState {
	return setContext(KEY, s);
}

export function getExplorerState(): ExplorerState {
	const s = getContext<ExplorerState | undefined>(KEY);
	if (!s) throw new Error('ExplorerState absent : composant à placer dans Explorer');
	return s;
}
