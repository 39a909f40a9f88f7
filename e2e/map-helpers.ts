import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import type { Bbox } from '../src/lib/geo/types';

/** The compact points as the map loads them (src/lib/domain/map/points.ts). */
export interface CompactPayload {
	dict: string[];
	points: [string, 0 | 1, string, number, number, number, number, number[], string?][];
}

export async function loadPoints(request: APIRequestContext): Promise<CompactPayload> {
	const res = await request.get('/carte/points.json');
	expect(res.ok()).toBe(true);
	return res.json();
}

/** A point alone at its position, and the positions shared by several points. */
export function spots(payload: CompactPayload) {
	const byPos = new Map<string, CompactPayload['points']>();
	for (const p of payload.points) {
		const key = `${p[3]},${p[4]}`;
		byPos.set(key, [...(byPos.get(key) ?? []), p]);
	}
	const groups = [...byPos.values()];
	return {
		alone: groups.filter((g) => g.length === 1).map((g) => g[0]),
		shared: groups.filter((g) => g.length > 1).sort((a, b) => b.length - a.length)
	};
}

/**
 * The shared positions with no other point within `meters`, largest first: journeys running in parallel
 * add records (often at a commune's centre), and a neighbour close by would join the group's cluster.
 */
export function isolatedSpots(payload: CompactPayload, meters = 500) {
	type Point = CompactPayload['points'][number];
	const near = (a: Point, b: Point) => Math.hypot((a[3] - b[3]) * 71_500, (a[4] - b[4]) * 111_200) < meters;
	return spots(payload).shared.filter((g) =>
		payload.points.every((p) => (p[3] === g[0][3] && p[4] === g[0][4]) || !near(p, g[0]))
	);
}

export async function waitForMap(page: Page, engine: 'maplibre' | 'leaflet') {
	const map = page.getByTestId('map');
	await expect(map).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });
	await expect(map).toHaveAttribute('data-engine', engine);
	await expect(page.getByTestId('result-list')).toHaveAttribute('data-ready', 'true');
}

/** The number of places the list announces ("96 lieux."). */
export async function listTotal(page: Page): Promise<number> {
	const text = (await page.getByTestId('result-list').getByRole('status').textContent()) ?? '';
	if (/Aucun lieu/.test(text)) return 0;
	const m = /^([\d\s\u202f\u00a0]+) lieux?/.exec(text.trim());
	if (!m) throw new Error(`compte illisible : ${text}`);
	return Number(m[1].replace(/\D/g, ''));
}

/** The list and the map show the same places: same count in the list and on the map. */
export async function expectListMatchesMap(page: Page) {
	await expect(async () => {
		const drawn = Number(await page.getByTestId('map').getAttribute('data-points'));
		expect(drawn).toBe(await listTotal(page));
	}).toPass({ timeout: 10_000 });
}

export function atParam(page: Page): { zoom: number; lat: number; lon: number } | undefined {
	const at = new URL(page.url()).searchParams.get('at');
	if (!at) return undefined;
	const [zoom, lat, lon] = at.split('/').map(Number);
	return { zoom, lat, lon };
}

/** The view once the map has stopped moving (the URL follows the map after each move). */
export async function stableAt(page: Page) {
	let last = '';
	await expect(async () => {
		const now = new URL(page.url()).searchParams.get('at') ?? '';
		const same = now === last;
		last = now;
		expect(same && now !== '').toBe(true);
	}).toPass({ intervals: [700], timeout: 15_000 });
	return atParam(page)!;
}

/** The focusable map: MapLibre's canvas, or Leaflet's container. */
export function mapFocus(page: Page) {
	return page.getByRole('region', { name: 'Carte des lieux' });
}

export async function screenshot(page: Page, name: string) {
	mkdirSync('e2e/screenshots', { recursive: true });
	await page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage: false });
}

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };

/** The map's place filter (communes and quartiers). */
export const PLACE_FILTER = 'Commune ou quartier';

interface Place {
	code: string;
	name: string;
	point: { lon: number; lat: number };
}

export async function quartierOf(page: Page, code: string): Promise<Place> {
	const items = (await (await page.request.get('/api/v1/quartiers')).json()).items as Place[];
	return items.find((q) => q.code === code)!;
}

export async function communeOf(page: Page, name: string): Promise<Place> {
	const items = (await (await page.request.get('/api/v1/communes')).json()).items as (Place & {
		centroid: Place['point'];
	})[];
	const c = items.find((x) => x.name === name)!;
	return { ...c, point: c.centroid };
}

/** The visible part of the map, as « Rechercher dans cette zone » records it. */
async function visibleBox(page: Page): Promise<Bbox> {
	await page.getByRole('button', { name: 'Rechercher dans cette zone' }).click();
	await expect(page).toHaveURL(/zone=/);
	const zone = new URL(page.url()).searchParams.get('zone')!.split(',').map(Number) as Bbox;
	// The list's own button (a phone showing the map hides the list: the zone stays there).
	const clear = page.getByRole('button', { name: 'Toute la carte' });
	if (await clear.isVisible()) {
		await clear.click();
		await expect(page).not.toHaveURL(/zone=/);
	}
	return zone;
}

/** The map shows the whole box and not much more: fitted to it, not merely centred on it. */
export async function expectFitted(page: Page, box: Bbox) {
	await stableAt(page);
	const seen = await visibleBox(page);
	const eps = 1e-4;
	expect(seen[0]).toBeLessThanOrEqual(box[0] + eps);
	expect(seen[1]).toBeLessThanOrEqual(box[1] + eps);
	expect(seen[2]).toBeGreaterThanOrEqual(box[2] - eps);
	expect(seen[3]).toBeGreaterThanOrEqual(box[3] - eps);
	const fill = Math.max((box[2] - box[0]) / (seen[2] - seen[0]), (box[3] - box[1]) / (seen[3] - seen[1]));
	// Leaflet snaps to whole zoom levels (each halves the scale) and both engines pad by 30 px: a fitted
	// box fills at least about 45 % of the map's width or height; a box merely centred on, far less.
	expect(fill).toBeGreaterThan(0.4);
}
