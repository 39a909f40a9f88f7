/**
 * Every public page of e2e/routes.ts in German and English, one page per test: the right `<html lang>`,
 * one h1, no raw message key, axe clean and no sideways scroll at 320 px; and the page is honest about its
 * language. A page listed in src/lib/i18n/translated.ts shows no « not translated yet » notice and names
 * its alternates (fr, de, en, x-default); any other page shows the notice and claims none. When a page's
 * translation lands, its route id joins that list and this test holds it to the translated side.
 *
 * The route id of each address is found the way SvelteKit finds it, from the folders of src/routes, so a
 * stop needs no route id of its own. The workspace (/admin) stays French and is left out.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from '@playwright/test';
import { isTranslated } from '../src/lib/i18n/translated';
import { localizePath } from '../src/lib/i18n/paths';
import { createNeed, moderateNeed } from '../src/lib/server/needs';
import { e2eStore } from './store';
import { test } from './fixtures';
import { expectNoAxeViolations } from './helpers';
import { expectNoRawKey, NOT_TRANSLATED_NOTICE } from './i18n-helpers';
import { expectNoSidewaysScroll } from './layout-helpers';
import { STOPS, stopPath, type Fixtures } from './routes';

test.describe.configure({ mode: 'parallel' });

/** The route ids of the pages (folders holding a +page.svelte), as SvelteKit writes them. */
function pageRouteIds(dir = 'src/routes', id = ''): string[] {
	const ids: string[] = [];
	for (const name of readdirSync(dir)) {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) ids.push(...pageRouteIds(path, `${id}/${name}`));
		else if (name === '+page.svelte') ids.push(id || '/');
	}
	return ids;
}

/** A route id as a pattern on the address's path: `[slug]` one segment, `(group)` nothing, rest literal. */
function routePattern(id: string): RegExp {
	const parts = id
		.split('/')
		.filter((p) => p !== '' && !/^\(.*\)$/.test(p))
		.map((p) =>
			p.replace(/\[\.\.\.[^\]]+\]|\[[^\]]+\]|[^[\]]+/g, (piece) =>
				piece.startsWith('[...')
					? '.*'
					: piece.startsWith('[')
						? '[^/]+'
						: piece.replace(/[.*+?^${}()|\\]/g, '\\$&')
			)
		);
	return new RegExp(`^/${parts.join('/')}/?$`);
}

const ROUTE_IDS = pageRouteIds();

/** The route id SvelteKit answers a path with: the match with the fewest parameters (static wins). */
function routeIdOf(path: string): string | null {
	const pathname = new URL(path, 'http://x').pathname;
	const matches = ROUTE_IDS.filter((id) => routePattern(id).test(pathname));
	matches.sort((a, b) => (a.match(/\[/g)?.length ?? 0) - (b.match(/\[/g)?.length ?? 0));
	return matches[0] ?? null;
}

const PUBLIC_STOPS = STOPS.filter((s) => !s.as && !String(s.path).startsWith('/admin'));

/** The records the stops name: the richest of each kind (as the phone walk), one quartier, a need. */
let fixtures: Fixtures | undefined;
async function fixturesOnce(request: import('@playwright/test').APIRequestContext): Promise<Fixtures> {
	if (fixtures) return fixtures;
	const richest = async (kind: string) => {
		const items = (await (await request.get(`/api/v1/${kind}?limit=1000`)).json()).items as {
			id: string;
			slug: string;
			description?: string;
		}[];
		return items.sort((a, b) => (b.description?.length ?? 0) - (a.description?.length ?? 0))[0];
	};
	const tools = (
		(await (await request.get('/api/v1/funding-tools?limit=3')).json()).items as { id: string }[]
	).map((t) => t.id);
	const quartier = ((await (await request.get('/api/v1/quartiers')).json()).items as { slug: string }[])[0]
		.slug;
	const db = await e2eStore();
	const need = await createNeed(db, {
		titre: 'Entretien des espaces verts du parcours des langues',
		activite: 'environnement-reemploi',
		lieu: 'strasbourg',
		base: 'L2113-13',
		echeance: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
		description: 'Tonte et taille sur deux sites, pour le parcours des pages en allemand et en anglais.',
		acheteur: 'Acheteur du parcours des langues',
		email: 'acheteur-langues@example.org'
	});
	await moderateNeed(db, need.id, 'approve', 'parcours des langues');
	await db.close();
	fixtures = {
		structure: await richest('organisations'),
		initiative: await richest('initiatives'),
		tool: await richest('funding-tools'),
		tools,
		quartier,
		proposalChange: '',
		proposalNew: '',
		importMapping: '',
		importPlanned: '',
		need: need.id,
		needToken: need.token
	};
	return fixtures;
}

for (const stop of PUBLIC_STOPS) {
	for (const locale of ['de', 'en'] as const) {
		test(`${stop.name} (${locale}): language, one h1, no raw key, axe, 320 px, translated or said not to be`, async ({
			page,
			request
		}) => {
			const path = stopPath(stop, await fixturesOnce(request));
			const routeId = routeIdOf(path);
			await page.setViewportSize({ width: 320, height: 800 });
			const response = await page.goto(localizePath(path, locale));
			const error = (response?.status() ?? 200) >= 400;
			const translated = isTranslated(routeId, error);

			await expect(page.locator('html')).toHaveAttribute('lang', locale);
			await expect(page.locator('h1')).toHaveCount(1);
			await expectNoRawKey(page);
			const alternates = page.locator('link[rel="alternate"][hreflang]');
			if (translated) {
				await expect(page.getByText(NOT_TRANSLATED_NOTICE)).toHaveCount(0);
				if (!error)
					expect(
						(await alternates.evaluateAll((ls) => ls.map((l) => l.getAttribute('hreflang')))).sort()
					).toEqual(['de', 'en', 'fr', 'x-default']);
			} else {
				await expect(page.getByText(NOT_TRANSLATED_NOTICE).first()).toBeVisible();
				await expect(alternates).toHaveCount(0);
			}
			await expectNoSidewaysScroll(page, `${localizePath(path, locale)} at 320 px`);
			await expectNoAxeViolations(page);
		});
	}
}
