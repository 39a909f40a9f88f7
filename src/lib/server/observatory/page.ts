/**
 * The observatory's page data: the page builder's figures, each with its plot drawn as SVG. Plots are kept
 * per data version, language and filters (a few milliseconds each to draw, eleven per page), so a visitor changing
 * filters back and forth, or the page cache expiring, costs no new drawing.
 */
import { todayIso } from '$lib/domain/today';
import { figureTable, type Figure } from '$lib/domain/observatory/figures';
import {
	filterSummary,
	localizeFigure,
	plotWords,
	totalHeader,
	whereOf,
	type ObservatoryWhere
} from '$lib/i18n/observatory';
import { thematiqueLabel } from '$lib/i18n/terms';
import {
	isFigureId,
	observatoryCsv,
	observatoryPage,
	type FigureWording,
	type ObservatoryPage
} from '$lib/pages/observatory';
import { getLocale } from '$lib/paraglide/runtime';
import { getCatalogue } from '../catalogue';
import type { SqlClient } from '../db/sql';
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

/**
 * The page builder's page (French) in the reader's language: the figures' words, their tables, the filters'
 * summary and the thématiques' names. Communes are names and stay as written.
 */
export function localizeObservatoryPage(page: ObservatoryPage): ObservatoryPage {
	const commune = page.communes.find((c) => c.value === page.filters.commune);
	const thematique = page.thematiques.find((t) => t.value === page.filters.thematique);
	const where: ObservatoryWhere = {
		commune: commune?.label,
		thematique: thematique && { code: thematique.value, label: thematique.label }
	};
	return {
		...page,
		filterSummary: filterSummary(where),
		thematiques: page.thematiques.map((t) => ({ ...t, label: thematiqueLabel(t.value, t.label) })),
		figures: page.figures.map((f) => {
			const figure = localizeFigure(f, where);
			return { ...figure, table: figureTable(figure, totalHeader()) };
		})
	};
}

export async function observatoryData(sql: SqlClient, url: URL) {
	const catalogue = await getCatalogue(sql);
	const today = todayIso();
	const page = localizeObservatoryPage(
		observatoryPage(catalogue, url, {
			today,
			dataDate: ((await lastPublishedChange(sql)) ?? today).slice(0, 10),
			siteUrl: getEnv().PUBLIC_SITE_URL
		})
	);
	return {
		...page,
		figures: page.figures.map((figure) => ({ ...figure, svg: plotOf(catalogue.version, figure) }))
	};
}

/** The figures' words in the request's language, for the CSV files. */
export const readersWording: FigureWording = (figure, filters) => ({
	figure: localizeFigure(figure, whereOf(filters)),
	totalHeader: totalHeader()
});

/** One figure's CSV, or undefined for an unknown figure or one not drawn for these filters. */
export async function observatoryCsvFile(sql: SqlClient, figure: string, url: URL) {
	if (!isFigureId(figure)) return undefined;
	return observatoryCsv(await getCatalogue(sql), figure, url, todayIso(), readersWording);
}
