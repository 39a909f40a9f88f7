/**
 * Colouring areas by a count (quartiers by number of initiatives). Classes are quantiles of the counts, with
 * whole-number bounds, and a separate "none" class: a quartier with no initiative must not look like one with
 * a few. Colours: ColorBrewer YlGnBu (sequential, colour-blind safe), light = few, dark = many.
 */
export const ZERO_COLOUR = '#f2f2f2';
export const PALETTE = ['#c7e9b4', '#7fcdbb', '#41b6c4', '#2c7fb8', '#253494'] as const;

export interface ChoroplethClass {
	min: number;
	max: number;
	colour: string;
	label: string;
}

export interface ChoroplethRow {
	code: string;
	name: string;
	count: number;
	colour: string;
}

export interface Choropleth {
	rows: ChoroplethRow[];
	classes: ChoroplethClass[];
	total: number;
}

function label(min: number, max: number): string {
	if (min === 0 && max === 0) return 'aucune';
	return min === max ? String(min) : `${min} à ${max}`;
}

/** Up to `PALETTE.length` classes over the positive counts, each a whole-number range. */
export function classify(counts: readonly number[]): ChoroplethClass[] {
	const classes: ChoroplethClass[] = [];
	if (counts.some((c) => c === 0)) classes.push({ min: 0, max: 0, colour: ZERO_COLOUR, label: label(0, 0) });
	const positive = [...new Set(counts.filter((c) => c > 0))].sort((a, b) => a - b);
	if (positive.length === 0) return classes;
	const n = Math.min(PALETTE.length, positive.length);
	let start = 0;
	for (let k = 0; k < n; k++) {
		const end = Math.round(((k + 1) * positive.length) / n) - 1;
		const min = positive[start];
		const max = positive[end];
		// Spread the colours over the whole ramp even with few classes, so "most" is always the darkest.
		const colour = PALETTE[n === 1 ? PALETTE.length - 1 : Math.round((k * (PALETTE.length - 1)) / (n - 1))];
		classes.push({ min, max, colour, label: label(min, max) });
		start = end + 1;
	}
	return classes;
}

export function colourOf(count: number, classes: readonly ChoroplethClass[]): string {
	return classes.find((c) => count >= c.min && count <= c.max)?.colour ?? ZERO_COLOUR;
}

/** Rows in the areas' order (the table), with the count and colour of each. */
export function choropleth(
	areas: readonly { code: string; name: string }[],
	counts: ReadonlyMap<string, number>
): Choropleth {
	const values = areas.map((a) => counts.get(a.code) ?? 0);
	const classes = classify(values);
	return {
		rows: areas.map((a, i) => ({
			code: a.code,
			name: a.name,
			count: values[i],
			colour: colourOf(values[i], classes)
		})),
		classes,
		total: values.reduce((s, v) => s + v, 0)
	};
}
