/**
 * The observatory's page data: the page builder's figures, each with its plot drawn as SVG. Plots are kept
 * per data version, language and filters (a few milliseconds each to draw, eleven per page), so a visitor changing
 * filters back and forth, or the page cache expiring, costs no new drawing.
 */
import { todayIso } from '$lib/domain/common';
import type { Figure } from '$lib/domain/observatory/figures';
import { plotWords } from '$lib/i18n/observatory';
import { isFigureId, observatoryCsv, observatoryPage } from '$lib/pages/observatory';
import { getLocale } from '$lib/paraglide/runtime';
import { getCatalogue } from '../catalogue';
import type { Db } from '../db/connection';
import { lastPublishedChange } from '../db/observatory';
import { getEnv } from '../store';
import { renderFigureSvg } from './plot';

const MAX_PLOTS = 500;
let plotsVersion = -1;
const plots = new Map<string, string>();

function plotOf(version: number, figure: Figure): string {
	if (version !== plotsVersion) {
		plots.clear();
		plotsVersion = version;
	}
	// The language and the words are part of the drawing (labels, axis, the image's description).
	const key = JSON.stringify([
		getLocale(),
		figure.id,
		figure.title,
		figure.reading,
		figure.series,
		figure.rows
	]);
	let svg = plots.get(key);
	if (svg === undefined) {
		svg = renderFigureSvg(figure, plotWords(figure));
		if (plots.size >= MAX_PLOTS) plots.delete(plots.keys().next().value!);
		plots.set(key, svg);
	}
	return svg;
}

export function observatoryData(db: Db, url: URL) {
	const catalogue = getCatalogue(db);
	const today = todayIso();
	const page = observatoryPage(catalogue, url, {
		today,
		dataDate: (lastPublishedChange(db) ?? today).slice(0, 10),
		siteUrl: getEnv().PUBLIC_SITE_URL
	});
	return {
		...page,
		figures: page.figures.map((figure) => ({ ...figure, svg: plotOf(catalogue.version, figure) }))
	};
}

/** One figure's CSV, or undefined for an unknown figure or one not drawn for these filters. */
export function observatoryCsvFile(db: Db, figure: string, url: URL) {
	if (!isFigureId(figure)) return undefined;
	return observatoryCsv(getCatalogue(db), figure, url, todayIso());
}
