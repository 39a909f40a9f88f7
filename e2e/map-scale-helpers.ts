import { expect, type Page } from '@playwright/test';

/** The large synthetic store's server (playwright.config.ts, scripts/e2e-scale-server.ts). */
export const SCALE_URL = process.env.E2E_SCALE_URL!;

/** One synthetic place of the large store, from its own list endpoint. */
export async function firstPlace(
	page: Page
): Promise<{ id: string; name: string; lon: number; lat: number }> {
	const res = await page.request.get(`${SCALE_URL}/carte/liste.json?limit=1`);
	expect(res.ok()).toBe(true);
	const body = (await res.json()) as { total: number; points: [string, number, string, number, number][] };
	expect(body.total).toBeGreaterThan(2000);
	const [id, , name, lon, lat] = body.points[0];
	return { id, name, lon, lat };
}

/** Requests the page made, by kind: the whole points file must never be asked for at scale. */
export function watchMapRequests(page: Page) {
	const seen = { points: 0, tiles: 0, clusters: 0, list: [] as string[] };
	page.on('request', (r) => {
		const u = new URL(r.url());
		if (u.pathname === '/carte/points.json') seen.points++;
		if (/^\/carte\/tuiles\/\d+\/\d+\/\d+\/\d+\.pbf$/.test(u.pathname)) seen.tiles++;
		if (u.pathname.endsWith('/grappes.json')) seen.clusters++;
		if (u.pathname === '/carte/liste.json') seen.list.push(u.search);
	});
	return seen;
}
