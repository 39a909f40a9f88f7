/** What the explorer page's load gives the page (built by $lib/server/map.ts). Types only. */
import type { Bbox, LonLat } from '../coordinates';
import type { BasemapCode } from './basemaps';
import type { Choropleth } from './choropleth';
import type { Control } from '../filters/controls';
import type { ExplorerUrlState, Ignored } from './map-url';
import type { MapPoint, PointsPayload } from './points';
import type { RemotePoints } from './scale';
import type { LayerCode } from './layers';
import type { Precision } from '../taxonomies';

export interface Option {
	value: string;
	label: string;
}

export interface ExplorerOptions {
	/** The filters' selects (src/lib/domain/filters/controls.ts). */
	controls: Control[];
	/** Names of communes and quartiers by code, for the list's places. */
	places: Option[];
}

export interface ExplorerPageData {
	basemap: BasemapCode;
	pointsUrl: string;
	state: ExplorerUrlState;
	ignored: Ignored[];
	/** The first page of the list as the server filters it (the page works before and without JavaScript). */
	first: { points: readonly MapPoint[]; total: number };
	totalPoints: number;
	/** Published records without a position: not on the map, still in the directory. */
	unplaced: number;
	/** Of those, organisations without a commune: national or regional bodies, with a territory of action. */
	unplacedWithoutCommune: number;
	options: ExplorerOptions;
	communeLabels: { name: string; at: LonLat }[];
	choropleth: Choropleth;
	outlines: { commune: number; quartier: number; qpv: number };
	outlineAttribution?: string;
	/** What the map shows when a commune or quartier is chosen, by code (outline's box, else around its point). */
	placeBoxes: Record<string, Bbox>;
	selected?: { id: string; name: string };
	/**
	 * Above the threshold (scale.ts): the server's clusters for the page's filters; the browser then loads no
	 * points (`pointsUrl` is not fetched), and the selected point comes with the page.
	 */
	remote?: RemotePoints;
	selectedPoint?: PointsPayload;
}

/** One record's details for the selection panel (GET /carte/fiche/<id>.json). */
export interface PointDetails {
	id: string;
	kind: 'organisation' | 'initiative' | 'place' | 'event';
	name: string;
	path: string;
	layerLabel: string;
	/** The primary layer's code and the type's codes, for pages in another language than French. */
	layer: LayerCode;
	type?: { taxonomy: 'initiativeType' | 'placeType' | 'legalForm'; codes: string[] };
	typeLabel: string;
	address?: string;
	communeName?: string;
	quartierName?: string;
	precisionLabel: string;
	precision: Precision;
	approximate: boolean;
	sectors: string[];
	sectorCodes: string[];
	synthetic: boolean;
}
