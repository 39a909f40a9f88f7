/**
 * The observatory page (`/observatoire`) and its CSV files: the figures of the published records for the
 * URL's filters, each with its table, its CSV address and the data's date and source. The plots themselves
 * are drawn by the server (lib/server/observatory), which adds them to this data.
 */
import type { Catalogue } from '$lib/domain/catalogue';
import { readObservatoryQuery, type ObservatoryFilters } from '$lib/domain/observatory/filters';
import {
	figureTable,
	observatoryFigures,
	type Figure,
	type FigureId,
	FIGURE_IDS
} from '$lib/domain/observatory/figures';
import { filterSummary, localizeFigure, totalHeader, type ObservatoryWhere } from '$lib/i18n/observatory';
import { thematiqueLabel } from '$lib/i18n/terms';
import { writeCsv } from '$lib/io/csv';
import { route } from '$lib/links';

export interface ObservatoryFigure extends Figure {
	table: { headers: string[]; rows: (string | number)[][] };
	csv: string;
}

export interface ObservatoryPage {
	filters: { commune: string; thematique: string };
	/** Filters as words (« à Schiltigheim, thématique … »), empty without filters. */
	filterSummary: string;
	notes: string[];
	communes: { value: string; label: string }[];
	thematiques: { value: string; label: string }[];
	figures: ObservatoryFigure[];
	/** Date of the last change to the published records (AAAA-MM-JJ). */
	dataDate: string;
	reset: string;
	canonical: string;
	openData: string;
	feeds: { financements: string; initiatives: string };
}

export interface ObservatoryOptions {
	/** Today (AAAA-MM-JJ), for the freshness figure. */
	today: string;
	/** Date of the last change to the published records (AAAA-MM-JJ). */
	dataDate: string;
	siteUrl: string;
}

function inputOf(catalogue: Catalogue, today: string) {
	return {
		geo: catalogue.geo,
		organisations: catalogue.organisations,
		initiatives: catalogue.initiatives,
		fundingTools: catalogue.fundingTools,
		today
	};
}

const linkFilters = (f: ObservatoryFilters) => ({ commune: f.commune, thematique: f.thematique });

const whereOf = (f: ObservatoryFilters): ObservatoryWhere => ({
	commune: f.commune?.name,
	thematique: f.thematique && { code: f.thematique.code, label: f.thematique.label }
});

/** The figures for these filters, in the reader's language (counts as the domain made them). */
function figuresFor(catalogue: Catalogue, f: ObservatoryFilters, today: string): Figure[] {
	return observatoryFigures(inputOf(catalogue, today), f).map((figure) => localizeFigure(figure, whereOf(f)));
}

export function observatoryPage(catalogue: Catalogue, url: URL, opts: ObservatoryOptions): ObservatoryPage {
	const query = readObservatoryQuery(url.searchParams, catalogue.geo);
	const f = query.filters;
	const figures = figuresFor(catalogue, f, opts.today).map((figure) => ({
		...figure,
		table: figureTable(figure, totalHeader()),
		csv: route.observatoryCsv(figure.id, linkFilters(f))
	}));
	// Communes with at least one published place, in French order: a filter that always gives empty plots
	// would only mislead.
	const withPlaces = new Set([...catalogue.byCommune.keys()]);
	return {
		filters: { commune: f.commune?.slug ?? '', thematique: f.thematique?.code ?? '' },
		filterSummary: filterSummary(whereOf(f)),
		notes: query.notes,
		communes: catalogue.geo.communes
			.filter((c) => withPlaces.has(c.code) || c.code === f.commune?.code)
			.map((c) => ({ value: c.slug, label: c.name }))
			.sort((a, b) => a.label.localeCompare(b.label, 'fr')),
		thematiques: catalogue.geo.thematiques.map((t) => ({
			value: t.code,
			label: thematiqueLabel(t.code, t.label)
		})),
		figures,
		dataDate: opts.dataDate,
		reset: route.observatory(),
		canonical: new URL(route.observatory(linkFilters(f)), opts.siteUrl).href,
		openData: route.openData(),
		feeds: { financements: route.feed('financements'), initiatives: route.feed('initiatives') }
	};
}

export function isFigureId(value: string): value is FigureId {
	return (FIGURE_IDS as readonly string[]).includes(value);
}

/**
 * One figure's table as CSV (semicolons and a BOM, as French spreadsheets open it), or undefined when this
 * figure is not drawn for these filters (the quartiers outside Strasbourg). Its headers and labels are in
 * the reader's language, which is its address's (`/de/observatoire/communes.csv`, read by the server's
 * hook from the path's prefix: only `de` and `en` are prefixes, anything else is not this route): the link
 * on a German page downloads the German table, a shared French link the French one.
 */
export function observatoryCsv(catalogue: Catalogue, id: FigureId, url: URL, today: string) {
	const query = readObservatoryQuery(url.searchParams, catalogue.geo);
	const figure = figuresFor(catalogue, query.filters, today).find((x) => x.id === id);
	if (!figure) return undefined;
	const table = figureTable(figure, totalHeader());
	return {
		filename: `observatoire-${[id, query.filters.commune?.slug, query.filters.thematique?.code].filter(Boolean).join('-')}.csv`,
		text: writeCsv(
			table.headers,
			table.rows.map((row) => row.map(String)),
			{ excel: true }
		)
	};
}
