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

export function observatoryPage(catalogue: Catalogue, url: URL, opts: ObservatoryOptions): ObservatoryPage {
	const query = readObservatoryQuery(url.searchParams, catalogue.geo);
	const f = query.filters;
	const figures = observatoryFigures(inputOf(catalogue, opts.today), f).map((figure) => ({
		...figure,
		table: figureTable(figure),
		csv: route.observatoryCsv(figure.id, linkFilters(f))
	}));
	// Communes with at least one published place, in French order: a filter that always gives empty plots
	// would only mislead.
	const withPlaces = new Set([...catalogue.byCommune.keys()]);
	return {
		filters: { commune: f.commune?.slug ?? '', thematique: f.thematique?.code ?? '' },
		filterSummary: [
			f.commune && `commune : ${f.commune.name}`,
			f.thematique && `thématique : ${f.thematique.label}`
		]
			.filter(Boolean)
			.join(', '),
		notes: query.notes,
		communes: catalogue.geo.communes
			.filter((c) => withPlaces.has(c.code) || c.code === f.commune?.code)
			.map((c) => ({ value: c.slug, label: c.name }))
			.sort((a, b) => a.label.localeCompare(b.label, 'fr')),
		thematiques: catalogue.geo.thematiques.map((t) => ({ value: t.code, label: t.label })),
		figures,
		dataDate: opts.dataDate,
		reset: route.observatory(),
		canonical: new URL(route.observatory(linkFilters(f)), opts.siteUrl).href,
		openData: route.openData(),
		feeds: { financements: route.feed('financements'), initiatives: route.feed('initiatives') }
	};
}

/**
 * How a figure is worded: as lib/domain writes it (French), or in the reader's language (the server passes
 * lib/i18n's words; page builders stay free of them).
 */
export type FigureWording = (
	figure: Figure,
	filters: ObservatoryFilters
) => { figure: Figure; totalHeader: string };
const FRENCH: FigureWording = (figure) => ({ figure, totalHeader: 'Total' });

export function isFigureId(value: string): value is FigureId {
	return (FIGURE_IDS as readonly string[]).includes(value);
}

/**
 * One figure's table as CSV (semicolons and a BOM, as French spreadsheets open it), or undefined when this
 * figure is not drawn for these filters (the quartiers outside Strasbourg). Its headers and labels are
 * worded by `wording`: the server gives the language of the file's address (`/de/observatoire/x.csv`).
 */
export function observatoryCsv(
	catalogue: Catalogue,
	id: FigureId,
	url: URL,
	today: string,
	wording: FigureWording = FRENCH
) {
	const query = readObservatoryQuery(url.searchParams, catalogue.geo);
	const found = observatoryFigures(inputOf(catalogue, today), query.filters).find((x) => x.id === id);
	if (!found) return undefined;
	const { figure, totalHeader } = wording(found, query.filters);
	const table = figureTable(figure, totalHeader);
	return {
		filename: `observatoire-${[id, query.filters.commune?.slug, query.filters.thematique?.code].filter(Boolean).join('-')}.csv`,
		text: writeCsv(
			table.headers,
			table.rows.map((row) => row.map(String)),
			{ excel: true }
		)
	};
}
