import { expect, type Page } from '@playwright/test';

/** The narrowest phone we support, and a common one. */
export const PHONE_WIDTHS = [320, 390] as const;

interface Overflow {
	viewport: number;
	html: number;
	body: number;
	/** The elements reaching furthest to the right, most specific first. */
	widest: { path: string; right: number; text: string }[];
}

/**
 * Measures the page's width against the window's, and when the page is wider, names the elements that
 * make it so: the ones whose box or content reaches furthest right, deepest first (a `select` rather than
 * the form holding it). Content clipped by a scrolling or hidden ancestor does not widen the page and is
 * left out; so are visually hidden texts (1 px boxes).
 */
async function measure(page: Page): Promise<Overflow> {
	return page.evaluate(() => {
		const viewport = window.innerWidth;
		const html = document.documentElement.scrollWidth;
		const body = document.body.scrollWidth;
		if (html <= viewport && body <= viewport) return { viewport, html, body, widest: [] };

		const clips = (el: Element) => {
			const x = getComputedStyle(el).overflowX;
			return x !== 'visible';
		};
		const describe = (el: Element) => {
			const id = el.id ? `#${el.id}` : '';
			const classes = [...el.classList]
				.filter((c) => !c.startsWith('svelte-'))
				.map((c) => `.${c}`)
				.join('');
			return `${el.tagName.toLowerCase()}${id}${classes}`;
		};
		const path = (el: Element) => {
			const parts: string[] = [];
			for (let e: Element | null = el; e && e !== document.body && parts.length < 4; e = e.parentElement)
				parts.unshift(describe(e));
			return parts.join(' > ');
		};
		const found: { el: Element; right: number; depth: number }[] = [];
		const walk = (el: Element, depth: number) => {
			const rect = el.getBoundingClientRect();
			if (rect.width > 1 || rect.height > 1) {
				// Content overflowing a visible-overflow box (a long word) reaches past the box itself.
				const content = clips(el) ? rect.right : rect.left + el.scrollWidth;
				const right = Math.max(rect.right, content);
				if (right > viewport + 0.5) found.push({ el, right, depth });
			}
			// What a scrolling or clipping box holds cannot widen the page.
			if (clips(el) && el !== document.body) return;
			for (const child of el.children) walk(child, depth + 1);
		};
		for (const child of document.body.children) walk(child, 1);
		const max = Math.max(...found.map((f) => f.right));
		const widest = found
			.filter((f) => f.right >= max - 1)
			.sort((a, b) => b.depth - a.depth)
			.slice(0, 3)
			.map((f) => ({
				path: path(f.el),
				right: Math.round(f.right),
				text: (f.el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 60)
			}));
		return { viewport, html, body, widest };
	});
}

/** The page does not scroll sideways: neither `html` nor `body` is wider than the window. */
export async function expectNoSidewaysScroll(page: Page, where: string) {
	const m = await measure(page);
	const culprits = m.widest.map((w) => `${w.path} (right edge ${w.right} px) "${w.text}"`).join('\n  ');
	const message = `${where}: the page is ${Math.max(m.html, m.body)} px wide in a ${m.viewport} px window. Widest element:\n  ${culprits}`;
	expect(m.html, message).toBeLessThanOrEqual(m.viewport);
	expect(m.body, message).toBeLessThanOrEqual(m.viewport);
}

/**
 * Words glued by a lost space (« financements(n’exclut », « connue· position »), a label said twice
 * (« Association (Association) ») and both genders or numbers written at once (« inconnu(e) »,
 * « connecté·e »), in the text a visitor reads.
 */
export const WORDING_SLIPS: [RegExp, string][] = [
	[/\p{L}[(·]/u, 'a word glued to « ( » or « · »'],
	[/(\p{L}[\p{L}’' -]{2,60}) \(\1\)/iu, 'a label repeated in parentheses'],
	[/\p{L}\((e|s|x|es)\)|\p{L}·\p{Ll}/u, 'two genders or numbers written at once']
];

export async function expectCleanWording(page: Page, where: string) {
	const text = await page.evaluate(() => document.body.innerText);
	const slips = text
		.split('\n')
		// A line quoting markup is content stored by a hostile-input journey and shown inert, not our wording.
		.filter((line) => !/<\/?[a-z]/i.test(line))
		.flatMap((line) =>
			WORDING_SLIPS.filter(([re]) => re.test(line)).map(
				([, what]) => `${what}: « ${line.trim().slice(0, 120)} »`
			)
		);
	expect(slips, where).toEqual([]);
}
