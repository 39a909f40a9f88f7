/**
 * The observatory's figures in the reader's language: titles, readings, notes, row headers, series, the
 * plot's axis and the table's (and the CSV's) headers. lib/domain/observatory writes them in French with
 * French plurals; French pages keep those sentences exactly, and German and English ones are written here
 * from the facts each figure carries beside its French (`figure.facts`). Rows that are places (communes,
 * quartiers, QPV) keep their names: they are content, and the page marks them `lang="fr"`.
 */
import type { Figure } from '$lib/domain/observatory/figures';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { formatDay, formatNumber, intlLocale } from './explorer';
import { termLabel, thematiqueLabel } from './terms';

/** The filters a reading names: the commune's name (content) and the thématique. */
export interface ObservatoryWhere {
	commune?: string;
	thematique?: { code: string; label: string };
}

/** The observatory's filters (lib/domain's) as the words a reading names. */
export function whereOf(filters: {
	commune?: { name: string };
	thematique?: { code: string; label: string };
}): ObservatoryWhere {
	return {
		commune: filters.commune?.name,
		thematique: filters.thematique && { code: filters.thematique.code, label: filters.thematique.label }
	};
}

const TITLES: Record<Figure['id'], () => string> = {
	communes: m.obs_title_communes,
	quartiers: m.obs_title_quartiers,
	familles: m.obs_title_familles,
	'formes-juridiques': m.obs_title_formes_juridiques,
	activites: m.obs_title_activites,
	tailles: m.obs_title_tailles,
	thematiques: m.obs_title_thematiques,
	qpv: m.obs_title_qpv,
	'financements-stades': m.obs_title_financements_stades,
	'financements-types': m.obs_title_financements_types,
	'financements-publics': m.obs_title_financements_publics,
	'financements-lacunes': m.obs_title_financements_lacunes,
	fraicheur: m.obs_title_fraicheur
};

const ROW_HEADERS: Record<Figure['id'], () => string> = {
	communes: m.obs_row_commune,
	quartiers: m.obs_row_quartier,
	familles: m.obs_row_famille,
	'formes-juridiques': m.obs_row_forme_juridique,
	activites: m.obs_row_activite,
	tailles: m.obs_row_taille,
	thematiques: m.obs_row_thematique,
	qpv: m.obs_row_qpv,
	'financements-stades': m.obs_row_stade,
	'financements-types': m.obs_row_type,
	'financements-publics': m.obs_row_public,
	'financements-lacunes': m.obs_row_stade,
	fraicheur: m.obs_row_kind
};

/** Series and the freshness figure's rows (kinds of record), by key. */
const SERIES: Record<string, () => string> = {
	structures: m.obs_series_structures,
	initiatives: m.obs_series_initiatives,
	outils: m.obs_series_outils,
	ouverts: m.obs_series_ouverts,
	'a-verifier': m.obs_series_a_verifier,
	fermes: m.obs_series_fermes,
	recentes: m.obs_series_recentes,
	anciennes: m.obs_series_anciennes
};

const AXES: Record<string, () => string> = {
	fiches: m.obs_axis_fiches,
	structures: m.obs_axis_structures,
	outils: m.obs_axis_outils
};

/** An audience's short name, as the gaps figure's columns show it (without its parenthesis). */
const audienceShort = (code: string) => termLabel('audience', code).split(' (')[0];

/** A series' label in the reader's language (the gaps figure's series are audiences). */
function seriesLabel(figure: Figure, key: string, french: string): string {
	if (figure.id === 'financements-lacunes') return audienceShort(key);
	return SERIES[key]?.() ?? french;
}

/** A row's label: a term's or a kind's in the reader's language, a place's name as written. */
function rowLabel(figure: Figure, code: string, french: string): string {
	switch (figure.rowKind) {
		case 'place':
			return french;
		case 'thematique':
			return thematiqueLabel(code, french);
		case 'kind':
			return SERIES[code]?.() ?? french;
		default:
			return termLabel(figure.rowKind, code);
	}
}

const isFrench = () => getLocale() === 'fr';

/** A share as the reader writes it (« 67 % », « 67 % », « 67% »). */
function percent(part: number, whole: number): string {
	return new Intl.NumberFormat(intlLocale(), { style: 'percent', maximumFractionDigits: 0 }).format(
		whole ? part / whole : 0
	);
}

/** « in Schiltigheim in the theme “…” », with its leading space, or nothing without filters. */
export function whereWords(where: ObservatoryWhere): string {
	const parts = [
		where.commune && m.obs_where_commune({ commune: where.commune }),
		where.thematique &&
			m.obs_where_thematique({
				thematique: thematiqueLabel(where.thematique.code, where.thematique.label)
			})
	].filter(Boolean);
	return parts.length ? ` ${parts.join(' ')}` : '';
}

function reading(figure: Figure, where: string): string {
	const { facts } = figure;
	const n = (key: string) => formatNumber(facts.counts[key] ?? 0);
	const row = facts.row === undefined ? undefined : figure.rows.find((r) => r.code === facts.row);
	const label = row ? rowLabel(figure, row.code, row.label) : '';
	const list = (facts.list ?? []).map((code) =>
		rowLabel(figure, code, figure.rows.find((r) => r.code === code)?.label ?? code)
	);
	const c = facts.counts;
	switch (facts.reading) {
		case 'communes-one':
			return m.obs_read_communes_one({
				where,
				all: n('all'),
				structures: n('structures'),
				initiatives: n('initiatives')
			});
		case 'communes':
			return m.obs_read_communes({
				where,
				count: n('communes'),
				first: label,
				share: percent(c.first, c.all),
				part: n('first'),
				all: n('all')
			});
		case 'no-places':
			return m.obs_read_no_places({ where });
		case 'quartiers':
			return m.obs_read_quartiers({ where, first: label, count: n('first') });
		case 'quartiers-empty':
			return m.obs_read_quartiers_empty({ where, first: label, count: n('first'), empty: n('empty') });
		case 'quartiers-none':
			return m.obs_read_quartiers_none({ where });
		case 'families':
			return m.obs_read_families({
				where,
				label,
				share: percent(c.first, c.all),
				part: n('first'),
				all: n('all')
			});
		case 'no-structures':
			return m.obs_read_no_structures({ where });
		case 'legal-forms':
			return m.obs_read_legal_forms({ where, count: n('forms'), label, part: n('first') });
		case 'activities':
			return m.obs_read_activities({ where, label, part: n('first'), known: n('known') });
		case 'activities-none':
			return m.obs_read_activities_none({ where });
		case 'sizes':
			return m.obs_read_sizes({ where, label, part: n('first'), known: n('known') });
		case 'sizes-none':
			return m.obs_read_sizes_none({ where });
		case 'thematiques':
			return m.obs_read_thematiques({ where, label, count: n('first') });
		case 'thematiques-none':
			return m.obs_read_thematiques_none({ where });
		case 'qpv-none':
			return m.obs_read_qpv_none({ where });
		case 'qpv-no-initiative':
			return m.obs_read_qpv_no_initiative({ where });
		case 'qpv':
			return m.obs_read_qpv({ where, count: n('with') });
		case 'qpv-some-empty':
			return m.obs_read_qpv_some_empty({ where, count: n('with'), without: n('without') });
		case 'tools-gaps':
			return m.obs_read_tools_gaps({ where, list: list.join(', ') });
		case 'tools':
			return m.obs_read_tools({ where, open: n('open'), check: n('toCheck'), all: n('all') });
		case 'gaps':
			return m.obs_read_gaps({
				where,
				count: n('empty'),
				list: (facts.cells ?? [])
					.map(([stage, audience]) => `${termLabel('stage', stage)} × ${audienceShort(audience)}`)
					.join(' ; ')
			});
		case 'gaps-none':
			return m.obs_read_gaps_none({ where });
		case 'freshness':
			return m.obs_read_freshness({
				where,
				share: percent(c.fresh, c.all),
				date: formatDay(facts.date ?? ''),
				part: n('fresh'),
				all: n('all')
			});
		default:
			// A reading added to the domain before its words here: French, rather than nothing.
			return figure.reading;
	}
}

function note(figure: Figure): string | undefined {
	if (figure.note === undefined) return undefined;
	const c = figure.facts.counts;
	const n = (key: string) => formatNumber(c[key] ?? 0);
	switch (figure.id) {
		case 'communes':
			return m.obs_note_communes({ count: n('withoutCommune') });
		case 'quartiers':
			return m.obs_note_quartiers();
		case 'activites':
			return m.obs_note_activites({ known: n('known'), all: n('all') });
		case 'tailles':
			return m.obs_note_tailles({ known: n('known'), all: n('all') });
		case 'thematiques':
			return c.untagged
				? m.obs_note_thematiques_some({ count: n('untagged') })
				: m.obs_note_thematiques_all();
		case 'qpv':
			return m.obs_note_qpv({ located: n('located'), all: n('initiatives') });
		case 'financements-stades':
		case 'financements-types':
		case 'financements-publics':
			return m.obs_note_tools();
		case 'financements-lacunes':
			return m.obs_note_gaps();
		default:
			return figure.note;
	}
}

/**
 * The figure's words in the reader's language (its counts unchanged). French gets the figure as the domain
 * wrote it; `figureLabels` is checked against it in a unit test, so the messages and the domain agree.
 */
export function localizeFigure<F extends Figure>(figure: F, where: ObservatoryWhere): F {
	if (isFrench()) return figure;
	const words = whereWords(where);
	return {
		...figure,
		...figureLabels(figure),
		reading: reading(figure, words),
		note: note(figure),
		rows: figure.rows.map((row) => ({ ...row, label: rowLabel(figure, row.code, row.label) }))
	};
}

/** Title, row header and series in the reader's language, from the messages (French ones included). */
export function figureLabels(figure: Figure): Pick<Figure, 'title' | 'rowHeader' | 'series'> {
	return {
		title: TITLES[figure.id](),
		rowHeader: ROW_HEADERS[figure.id](),
		series: figure.series.map((s) => ({ ...s, label: seriesLabel(figure, s.key, s.label) }))
	};
}

/** The plot's own words: the axis, the gaps' cell, the sentence after the drawing's label. */
export interface PlotWords {
	axis: string;
	gap: string;
	valuesInTable: string;
	number: (n: number) => string;
}

/** The plot's words in the reader's language; undefined in French, where the plot keeps its own. */
export function plotWords(figure: Figure): PlotWords | undefined {
	if (isFrench()) return undefined;
	return {
		axis: AXES[figure.unit]?.() ?? figure.unit,
		gap: m.obs_plot_gap(),
		valuesInTable: m.obs_plot_values_in_table(),
		number: formatNumber
	};
}

/** The table's and the CSV's last column, when a figure has several series. */
export const totalHeader = () => m.obs_total();

/** The filters as words (« commune : Schiltigheim, thématique : … »), empty without filters. */
export function filterSummary(where: ObservatoryWhere): string {
	return [
		where.commune && m.obs_summary_commune({ commune: where.commune }),
		where.thematique &&
			m.obs_summary_thematique({
				thematique: thematiqueLabel(where.thematique.code, where.thematique.label)
			})
	]
		.filter(Boolean)
		.join(', ');
}

/** Whether a figure's row labels are places' names (content: the page marks them `lang="fr"`). */
export const rowsArePlaces = (figure: Figure) => figure.rowKind === 'place';

/** A table's count in the reader's format; French tables keep their plain digits, as before. */
export const tableCell = (cell: string | number) =>
	typeof cell === 'number' && !isFrench() ? formatNumber(cell) : String(cell);
