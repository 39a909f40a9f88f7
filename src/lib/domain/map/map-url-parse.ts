/**
 * Reading the explorer's URL (map-url.ts has its shape, defaults and writer): the server reads it on every
 * request, the browser never does, so zod stays out of the explorer's first load.
 */
import { z } from 'zod';
import { idSchema } from '../common';
import type { FilterRef } from '../filters/types';
import { readLenient } from '../filters/url';
import { BASEMAP_CODES } from './basemaps';
import { MAP_PARAMS, NO_FILTERS } from './filter';
import { LAYER_CODES, type LayerCode } from './layers';
import { MAX_QUERY, defaultState, parseAt, parseZone, type ExplorerUrlState, type Ignored } from './map-url';

const list = (params: URLSearchParams, key: string) =>
	params
		.getAll(key)
		.flatMap((v) => v.split(','))
		.map((v) => v.trim())
		.filter(Boolean);

/**
 * Reads the explorer's URL. The filters are the registry's map filters, under their map parameter
 * (`lieu` for communes and quartiers) or their canonical name (`commune`, `quartier`), codes or slugs.
 */
export function parseExplorerParams(
	params: URLSearchParams,
	ref: FilterRef
): { state: ExplorerUrlState; ignored: Ignored[] } {
	const state = defaultState();
	const ignored: Ignored[] = [];
	const at = params.get('at');
	if (at !== null) {
		state.at = parseAt(at);
		if (!state.at)
			ignored.push({ parameter: 'at', message: 'vue de carte illisible : zoom/latitude/longitude attendu' });
	}
	const sel = params.get('sel');
	if (sel !== null) {
		const parsed = idSchema.safeParse(sel);
		if (parsed.success) state.sel = parsed.data;
		else ignored.push({ parameter: 'sel', message: 'identifiant de fiche invalide' });
	}
	const q = params.get('q');
	if (q !== null) state.q = q.replace(/\s+/g, ' ').trim().slice(0, MAX_QUERY);

	const couches = params.get('couches');
	if (couches !== null) {
		const wanted = list(params, 'couches');
		if (wanted.length === 1 && wanted[0] === 'aucune') state.filters.layers = [];
		else {
			const bad = wanted.filter((c) => !(LAYER_CODES as readonly string[]).includes(c));
			if (bad.length) ignored.push({ parameter: 'couches', message: `couche inconnue : ${bad.join(', ')}` });
			state.filters.layers = LAYER_CODES.filter((c) => wanted.includes(c)) as LayerCode[];
			if (!state.filters.layers.length && bad.length) state.filters.layers = [...NO_FILTERS.layers];
		}
	}
	const { selection, rejected } = readLenient(params, 'map', ref, { maxValues: Infinity });
	for (const { param, filters } of MAP_PARAMS)
		state.filters[param] = filters.flatMap((d) => selection[d.key] ?? []);
	const bad = new Map<string, string[]>();
	for (const r of rejected) bad.set(r.parameter, [...(bad.get(r.parameter) ?? []), r.value]);
	for (const [parameter, values] of bad)
		ignored.push({ parameter, message: `valeur inconnue : ${[...new Set(values)].join(', ')}` });
	const zone = params.get('zone');
	if (zone !== null) {
		state.zone = parseZone(zone);
		if (!state.zone)
			ignored.push({ parameter: 'zone', message: 'zone illisible : ouest,sud,est,nord attendu' });
	}
	const vue = z.enum(['liste', 'carte']).safeParse(params.get('vue') ?? 'liste');
	if (vue.success) state.vue = vue.data;
	else ignored.push({ parameter: 'vue', message: 'vue attendue : liste ou carte' });
	const fond = params.get('fond');
	if (fond !== null) {
		const parsed = z.enum(BASEMAP_CODES).safeParse(fond);
		if (parsed.success) state.fond = parsed.data;
		else ignored.push({ parameter: 'fond', message: `fond de carte attendu : ${BASEMAP_CODES.join(', ')}` });
	}
	state.quartiers = params.get('quartiers') === '1';
	return { state, ignored };
}
