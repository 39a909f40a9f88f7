/**
 * Draws an observatory figure as SVG on the server, with Observable Plot (https://observablehq.com/plot/)
 * given a small DOM (linkedom) through its `document` option: the page shows the plot without JavaScript, and
 * no browser library is shipped. The only module that imports Plot or linkedom.
 *
 * Two things are changed in Plot's output: its <style> element goes (the site's CSP allows no inline style
 * element; the same rules are in the observatory page's stylesheet, under the class given here), and the
 * whole drawing is one image with a label (role="img"): its numbers are read from the table beside it.
 */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import type { Figure } from '$lib/domain/observatory/figures';

/** The class every plot's SVG carries: the page's stylesheet styles it (Plot's own <style> is removed). */
export const PLOT_CLASS = 'ess-plot';

/** Colours of the series, in order: the site's green, then colours told apart by most colour-blind readers. */
export const SERIES_COLOURS = ['#0b5d55', '#d9822b', '#6a51a3', '#767676'];

const WIDTH = 480;
/** Each bar's band: the label on a line above the bar, so long labels never squeeze the bars on a phone. */
const ROW = 46;
const LABEL_MAX = 52;

/** The plot's own words; French by default, the page's language given by lib/i18n/observatory. */
export interface PlotWords {
	axis: string;
	gap: string;
	valuesInTable: string;
	/** A count on the axis, a bar's total or a cell. */
	number: (n: number) => string;
}

function frenchWords(figure: Figure): PlotWords {
	return {
		axis: `Nombre ${/^[aeiouéh]/i.test(figure.unit) ? 'd’' : 'de '}${figure.unit}`,
		gap: 'lacune',
		valuesInTable: 'Les valeurs sont dans le tableau.',
		number: String
	};
}

const short = (label: string) => (label.length > LABEL_MAX ? `${label.slice(0, LABEL_MAX - 1)}…` : label);

function barsPlot(figure: Figure, document: Document, words: PlotWords) {
	const data = figure.rows.flatMap((row) =>
		row.values.map((value, i) => ({ label: row.label, series: figure.series[i].label, value }))
	);
	const totals = figure.rows.map((row) => ({
		label: row.label,
		total: row.values.reduce((a, b) => a + b, 0)
	}));
	const max = Math.max(1, ...totals.map((t) => t.total));
	return Plot.plot({
		document,
		width: WIDTH,
		height: 40 + ROW * Math.max(1, figure.rows.length),
		marginTop: 34,
		marginLeft: 8,
		marginRight: 40,
		marginBottom: 6,
		x: {
			axis: 'top',
			grid: true,
			domain: [0, max],
			label: words.axis,
			labelAnchor: 'left',
			labelArrow: 'none',
			ticks: Math.min(max, 6),
			tickFormat: (d: number) => (Number.isInteger(d) ? words.number(d) : '')
		},
		y: { axis: null, domain: figure.rows.map((r) => r.label), paddingInner: 0.5, paddingOuter: 0.3 },
		color: { domain: figure.series.map((s) => s.label), range: SERIES_COLOURS },
		marks: [
			Plot.barX(
				data,
				Plot.stackX({ x: 'value', y: 'label', fill: 'series', order: figure.series.map((s) => s.label) })
			),
			Plot.text(figure.rows, {
				x: 0,
				y: 'label',
				text: (r: Figure['rows'][number]) => short(r.label),
				textAnchor: 'start',
				dy: -ROW * 0.25 - 6,
				fill: 'currentColor'
			}),
			Plot.text(totals, {
				x: 'total',
				y: 'label',
				text: (t: { total: number }) => words.number(t.total),
				textAnchor: 'start',
				dx: 4
			}),
			Plot.ruleX([0])
		]
	});
}

function cellsPlot(figure: Figure, document: Document, words: PlotWords) {
	const data = figure.rows.flatMap((row) =>
		row.values.map((value, i) => ({ label: row.label, series: figure.series[i].label, value }))
	);
	return Plot.plot({
		document,
		width: WIDTH,
		height: 80 + 40 * figure.rows.length,
		marginTop: 72,
		marginLeft: 150,
		marginRight: 4,
		x: { axis: null, domain: figure.series.map((s) => s.label) },
		y: { domain: figure.rows.map((r) => r.label), label: null, tickSize: 0 },
		color: {
			type: 'linear',
			domain: [0, Math.max(1, ...data.map((d) => d.value))],
			range: ['#e8f3f1', '#0b5d55']
		},
		marks: [
			Plot.axisX({ anchor: 'top', lineWidth: 9, tickSize: 0, label: null }),
			Plot.cell(
				data.filter((d) => d.value > 0),
				{ x: 'series', y: 'label', fill: 'value', inset: 1.5 }
			),
			// An empty cell is the point of this figure: a warm colour of its own, outside the scale.
			Plot.cell(
				data.filter((d) => d.value === 0),
				{ x: 'series', y: 'label', fill: '#fbe3d0', inset: 1.5 }
			),
			Plot.text(data, {
				x: 'series',
				y: 'label',
				text: (d: { value: number }) => (d.value === 0 ? `0 · ${words.gap}` : words.number(d.value)),
				fill: (d: { value: number }) => (d.value === 0 ? '#8a3b00' : d.value > 2 ? 'white' : 'black'),
				fontWeight: 'bold'
			})
		]
	});
}

/** The figure as an SVG string, labelled for assistive technologies, without inline <style>. */
export function renderFigureSvg(figure: Figure, words: PlotWords = frenchWords(figure)): string {
	const { document } = parseHTML('<!doctype html><html><body></body></html>');
	const doc = document as unknown as Document;
	const plot = figure.mark === 'cells' ? cellsPlot(figure, doc, words) : barsPlot(figure, doc, words);
	const svg = plot as unknown as SVGSVGElement;
	for (const style of Array.from(svg.querySelectorAll('style'))) style.remove();
	// Parts of Plot's drawing carry their own aria-label: one image, described once, reads better.
	for (const el of Array.from(svg.querySelectorAll('[aria-label], [aria-hidden], [aria-description]'))) {
		el.removeAttribute('aria-label');
		el.removeAttribute('aria-hidden');
		el.removeAttribute('aria-description');
	}
	svg.setAttribute('class', PLOT_CLASS);
	svg.setAttribute('role', 'img');
	svg.setAttribute('aria-label', `${figure.title}. ${figure.reading} ${words.valuesInTable}`);
	svg.setAttribute('font-size', '13');
	svg.removeAttribute('width');
	svg.removeAttribute('height');
	return svg.outerHTML;
}
