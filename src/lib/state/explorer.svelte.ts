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
import { filterKey, type RemotePoints } from '$lib/domain/map/scale';
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

	/**
	 * Large stores (src/lib/domain/map/scale.ts): the data version of the server's clusters; the browser
	 * holds no points, the list comes page by page from the server and `remoteList` holds what it sent.
	 */
	remoteVersion = $state<number | undefined>(undefined);
	remoteList = $state.raw<Filtered & { total: number; matched: number }>({
		points: [],
		total: 0,
		matched: 0
	});
	/** Points learnt one by one (a shared link's selection, a click on the map), for `point(id)`. */
	known = $state.raw<readonly MapPoint[]>([]);
	/** What the server's clusters show: the data version and the filter key. */
	readonly remote: RemotePoints | undefined = $derived(
		this.remoteVersion === undefined
			? undefined
			: { version: this.remoteVersion, key: filterKey(this.q, this.filters, this.around) }
	);

	/** What the map draws. */
	readonly filtered: Filtered = $derived.by(() => {
		const filtered = filterPoints(this.all, this.dict, this.filters, {
			textIds: this.q ? this.textIds : undefined,
			nameMatch: this.q && !this.textIds ? nameMatcher(this.q) : undefined
		});
		return this.around ? nearest(filtered.points, this.around) : filtered;
	});
	/** What the list shows: the map's points, limited to the zone when asked. */
	readonly list: Filtered = $derived(
		this.remoteVersion === undefined ? limitToZone(this.filtered, this.zone) : this.remoteList
	);
	/** How many records the list holds in all (a large store's list is sent a page at a time). */
	readonly listTotal: number = $derived(
		this.remoteVersion === undefined ? this.list.points.length : this.remoteList.total
	);

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
		if (id === undefined) return undefined;
		const has = (p: MapPoint) => p.id === id;
		return this.all.find(has) ?? this.remoteList.points.find(has) ?? this.known.find(has);
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
