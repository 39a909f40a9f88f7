/**
 * The observatory's figures: counts of the published records, as tables a page draws (a plot) and prints
 * (the same numbers in an HTML table and a CSV). Pure: the records, the geography and today's date come in,
 * so a test can check every count against the store counted another way.
 *
 * What is counted, and why:
 * - « Structures » are published organisations of the ESS (`isEss`): the sector the observatory describes.
 *   Financers and venues outside the ESS (a town hall, a bank) are left out of the sector's counts.
 * - Funding tools are counted as open (all year or by call for projects), to check (availability not
 *   confirmed since the data was entered: most of the seed) or closed. A stage or a public with no tool that
 *   is not closed is a gap.
 * - The commune filter keeps the places of that commune, and the tools its projects may apply to (a tool of
 *   another commune is left out; tools of the Eurométropole and wider cover every commune).
 */
import { ACTIVITY_FAMILIES } from '../activity-families';
import { frenchLongDate } from '../format';
import { SIZE_BANDS } from '../size-bands';
import {
	AUDIENCES,
	ESS_FAMILIES,
	FUNDING_TYPES,
	LEGAL_FORMS,
	STAGES,
	legalForm,
	type TaxonomyName
} from '../taxonomies';
import type { Geo } from '../query';
import type { FundingTool, Initiative, Organisation } from '../records';
import type { ObservatoryFilters } from './filters';

export const FIGURE_IDS = [
	'communes',
	'quartiers',
	'familles',
	'formes-juridiques',
	'activites',
	'tailles',
	'thematiques',
	'qpv',
	'financements-stades',
	'financements-types',
	'financements-publics',
	'financements-lacunes',
	'fraicheur'
] as const;
export type FigureId = (typeof FIGURE_IDS)[number];

export interface FigureSeries {
	key: string;
	label: string;
}

export interface FigureRow {
	code: string;
	label: string;
	/** One count per series, in the series' order. */
	values: number[];
}

export interface Figure {
	id: FigureId;
	title: string;
	/** One sentence a visitor reads before the plot: what it shows at a glance. */
	reading: string;
	/** The first column's header (« Commune », « Stade »). */
	rowHeader: string;
	/** What one unit is (« fiches », « outils »), for the axis. */
	unit: string;
	series: FigureSeries[];
	rows: FigureRow[];
	/**
	 * `bars`: one horizontal bar per row, stacked by series. `cells`: a grid rows × series, each cell a count
	 * (two dimensions, where an empty cell is the point).
	 */
	mark: 'bars' | 'cells';
	/** What the figure leaves out or how to read it, when that matters. */
	note?: string;
	/**
	 * What the rows' codes are: a taxonomy's terms, the thématiques, kinds of record, or places (whose
	 * names are content, written as they are in every language).
	 */
	rowKind: TaxonomyName | 'thematique' | 'kind' | 'place';
	/** The reading's and the note's numbers and names, for a page that writes them in another language. */
	facts: FigureFacts;
}

/** Which sentence a figure's reading is, with what it says; `row` and `list` are codes of its rows. */
export interface FigureFacts {
	reading: string;
	counts: Record<string, number>;
	row?: string;
	list?: string[];
	/** Empty cells of the gaps figure: [stage code, audience code]. */
	cells?: [string, string][];
	/** A day (AAAA-MM-JJ) the reading names. */
	date?: string;
}

export interface ObservatoryInput {
	geo: Pick<Geo, 'communes' | 'quartiers' | 'qpv' | 'thematiques'>;
	organisations: readonly Organisation[];
	initiatives: readonly Initiative[];
	fundingTools: readonly FundingTool[];
	/** Today (AAAA-MM-JJ), for freshness. */
	today: string;
}

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });
const total = (row: FigureRow) => row.values.reduce((a, b) => a + b, 0);
const byTotalThenName = (a: FigureRow, b: FigureRow) =>
	total(b) - total(a) || collator.compare(a.label, b.label);

/** French plural of a count: « 1 structure », « 3 structures », « aucune structure ». */
function count(n: number, one: string, many: string, none?: string): string {
	if (n === 0 && none) return none;
	return `${n.toLocaleString('fr-FR')} ${n > 1 ? many : one}`;
}

function percent(part: number, whole: number): string {
	return whole ? `${Math.round((100 * part) / whole)} %` : '0 %';
}

/** Records kept by the filters. */
export function filteredRecords(input: ObservatoryInput, filters: ObservatoryFilters) {
	const theme = filters.thematique?.code;
	const commune = filters.commune?.code;
	const inTheme = (r: { thematiques: readonly string[] }) => !theme || r.thematiques.includes(theme);
	const inCommune = (r: { communeCode?: string }) => !commune || r.communeCode === commune;
	return {
		organisations: input.organisations.filter((o) => o.isEss && inTheme(o) && inCommune(o)),
		initiatives: input.initiatives.filter((i) => inTheme(i) && inCommune(i)),
		fundingTools: input.fundingTools.filter(
			(t) =>
				inTheme(t) &&
				(!commune ||
					t.territory !== 'commune' ||
					t.territoryCommune === undefined ||
					t.territoryCommune === commune)
		)
	};
}

type Selected = ReturnType<typeof filteredRecords> & { communeFilter?: string };

const isOpen = (t: FundingTool) => t.availability === 'ouvert' || t.availability === 'appel-a-projets';
const notClosed = (t: FundingTool) => t.availability !== 'ferme';
/** A tool's series in the funding figures: 0 open, 1 to check, 2 closed. */
const availabilityIndex = (t: FundingTool) => (isOpen(t) ? 0 : notClosed(t) ? 1 : 2);

const PLACES: FigureSeries[] = [
	{ key: 'structures', label: 'Structures de l’ESS' },
	{ key: 'initiatives', label: 'Initiatives' }
];
const AVAILABILITY_SERIES: FigureSeries[] = [
	{ key: 'ouverts', label: 'Ouverts (en continu ou sur appel à projets)' },
	{ key: 'a-verifier', label: 'Disponibilité à vérifier' },
	{ key: 'fermes', label: 'Fermés ou terminés' }
];

/** Counts of places by a key (commune, quartier, QPV): structures and initiatives per row. */
function placesBy(
	organisations: readonly Organisation[],
	initiatives: readonly Initiative[],
	key: (r: Organisation | Initiative) => string | undefined
) {
	const counts = new Map<string, [number, number]>();
	const add = (code: string | undefined, i: 0 | 1) => {
		if (code === undefined) return;
		const c = counts.get(code) ?? [0, 0];
		c[i]++;
		counts.set(code, c);
	};
	for (const o of organisations) add(key(o), 0);
	for (const r of initiatives) add(key(r), 1);
	return counts;
}

function toolsBy(tools: readonly FundingTool[], codes: (t: FundingTool) => readonly string[]) {
	const counts = new Map<string, [number, number, number]>();
	for (const t of tools)
		for (const code of codes(t)) {
			const c = counts.get(code) ?? [0, 0, 0];
			c[availabilityIndex(t)]++;
			counts.set(code, c);
		}
	return counts;
}

function filterWords(filters: ObservatoryFilters): string {
	const parts = [
		filters.commune && `à ${filters.commune.name}`,
		filters.thematique && `dans la thématique « ${filters.thematique.label} »`
	].filter(Boolean);
	return parts.length ? ` ${parts.join(' ')}` : '';
}

function communesFigure(
	input: ObservatoryInput,
	r: Selected,
	where: string,
	filters: ObservatoryFilters
): Figure {
	const counts = placesBy(r.organisations, r.initiatives, (x) => x.communeCode);
	const rows = input.geo.communes
		.filter((c) => counts.has(c.code))
		.map((c) => ({ code: c.code, label: c.name, values: [...counts.get(c.code)!] }))
		.sort(byTotalThenName);
	const withoutCommune = r.organisations.filter((o) => !o.communeCode).length;
	const first = rows[0];
	const all = rows.reduce((n, row) => n + total(row), 0);
	return {
		id: 'communes',
		title: 'Structures et initiatives par commune',
		reading: filters.commune
			? `${count(all, 'fiche', 'fiches', 'Aucune fiche')}${where} : ${count(first?.values[0] ?? 0, 'structure', 'structures', 'aucune structure')} de l’ESS et ${count(first?.values[1] ?? 0, 'initiative', 'initiatives', 'aucune initiative')}.`
			: first
				? `${count(rows.length, 'commune compte', 'communes comptent')} au moins une fiche${where} ; ${first.label} en réunit ${percent(total(first), all)} (${total(first)} sur ${all}).`
				: `Aucune structure ni initiative publiée${where}.`,
		rowHeader: 'Commune',
		unit: 'fiches',
		series: PLACES,
		rows,
		mark: 'bars',
		rowKind: 'place',
		facts: {
			reading: filters.commune ? 'communes-one' : first ? 'communes' : 'no-places',
			counts: {
				all,
				communes: rows.length,
				first: first ? total(first) : 0,
				structures: first?.values[0] ?? 0,
				initiatives: first?.values[1] ?? 0,
				withoutCommune
			},
			row: first?.code
		},
		note: withoutCommune
			? `${count(withoutCommune, 'structure sans commune (territoire d’action seulement) n’est', 'structures sans commune (territoire d’action seulement) ne sont')} pas comptée${withoutCommune > 1 ? 's' : ''}.`
			: undefined
	};
}

function quartiersFigure(input: ObservatoryInput, r: Selected, where: string): Figure {
	const counts = placesBy(r.organisations, r.initiatives, (x) => x.quartierCode);
	// Every quartier, with its zeros: a quartier with nothing listed is what this figure is for.
	const rows = input.geo.quartiers
		.map((q) => ({ code: q.code, label: q.name, values: [...(counts.get(q.code) ?? [0, 0])] }))
		.sort(byTotalThenName);
	const empty = rows.filter((row) => total(row) === 0);
	const first = rows[0];
	return {
		id: 'quartiers',
		title: 'Structures et initiatives par quartier de Strasbourg',
		reading:
			first && total(first)
				? `${first.label} compte le plus de fiches (${total(first)})${where}${empty.length ? ` ; ${count(empty.length, 'quartier n’en a', 'quartiers n’en ont')} aucune` : ''}.`
				: `Aucune fiche publiée dans les quartiers de Strasbourg${where}.`,
		rowHeader: 'Quartier',
		unit: 'fiches',
		series: PLACES,
		rows,
		mark: 'bars',
		rowKind: 'place',
		facts: {
			reading: first && total(first) ? (empty.length ? 'quartiers-empty' : 'quartiers') : 'quartiers-none',
			counts: { first: first ? total(first) : 0, empty: empty.length },
			row: first?.code
		},
		note: 'Fiches dont le quartier est connu ; celles placées seulement à la commune de Strasbourg n’y figurent pas.'
	};
}

function familiesFigure(r: Selected, where: string): Figure {
	const counts = new Map<string, number>();
	for (const o of r.organisations) {
		const family = legalForm(o.legalForm).family;
		counts.set(family, (counts.get(family) ?? 0) + 1);
	}
	const rows = ESS_FAMILIES.filter((f) => counts.has(f.code))
		.map((f) => ({ code: f.code, label: f.label, values: [counts.get(f.code)!] }))
		.sort(byTotalThenName);
	const n = r.organisations.length;
	return {
		id: 'familles',
		title: 'Structures par famille de l’ESS',
		reading: rows[0]
			? `${rows[0].label} : ${percent(total(rows[0]), n)} des ${count(n, 'structure', 'structures')}${where}.`
			: `Aucune structure publiée${where}.`,
		rowHeader: 'Famille',
		unit: 'structures',
		series: [{ key: 'structures', label: 'Structures de l’ESS' }],
		rows,
		mark: 'bars',
		rowKind: 'family',
		facts: {
			reading: rows[0] ? 'families' : 'no-structures',
			counts: { first: rows[0] ? total(rows[0]) : 0, all: n },
			row: rows[0]?.code
		}
	};
}

function legalFormsFigure(r: Selected, where: string): Figure {
	const counts = new Map<string, number>();
	for (const o of r.organisations) counts.set(o.legalForm, (counts.get(o.legalForm) ?? 0) + 1);
	const rows = LEGAL_FORMS.filter((f) => counts.has(f.code))
		.map((f) => ({ code: f.code, label: f.label, values: [counts.get(f.code)!] }))
		.sort(byTotalThenName);
	return {
		id: 'formes-juridiques',
		title: 'Structures par forme juridique',
		reading: rows[0]
			? `${count(rows.length, 'forme juridique', 'formes juridiques')}${where} ; la plus fréquente : ${rows[0].label} (${total(rows[0])}).`
			: `Aucune structure publiée${where}.`,
		rowHeader: 'Forme juridique',
		unit: 'structures',
		series: [{ key: 'structures', label: 'Structures de l’ESS' }],
		rows,
		mark: 'bars',
		rowKind: 'legalForm',
		facts: {
			reading: rows[0] ? 'legal-forms' : 'no-structures',
			counts: { forms: rows.length, first: rows[0] ? total(rows[0]) : 0 },
			row: rows[0]?.code
		}
	};
}

/** Structures by activity family (from the NAF code, or chosen from the sources), those without one said. */
function activitiesFigure(r: Selected, where: string): Figure {
	const counts = new Map<string, number>();
	for (const o of r.organisations)
		if (o.activityFamily) counts.set(o.activityFamily, (counts.get(o.activityFamily) ?? 0) + 1);
	const rows = ACTIVITY_FAMILIES.filter((f) => counts.has(f.code))
		.map((f) => ({ code: f.code, label: f.label, values: [counts.get(f.code)!] }))
		.sort(byTotalThenName);
	const known = rows.reduce((n, row) => n + total(row), 0);
	const n = r.organisations.length;
	return {
		id: 'activites',
		title: 'Structures par famille d’activité',
		reading: rows[0]
			? `${rows[0].label} : ${count(total(rows[0]), 'structure', 'structures')} sur ${count(known, 'structure dont l’activité est connue', 'structures dont l’activité est connue')}${where}.`
			: `Aucune structure publiée n’a de famille d’activité renseignée${where}.`,
		rowHeader: 'Famille d’activité',
		unit: 'structures',
		series: [{ key: 'structures', label: 'Structures de l’ESS' }],
		rows,
		mark: 'bars',
		rowKind: 'activityFamily',
		facts: {
			reading: rows[0] ? 'activities' : 'activities-none',
			counts: { first: rows[0] ? total(rows[0]) : 0, known, all: n },
			row: rows[0]?.code
		},
		note: `Famille connue pour ${known} des ${count(n, 'structure', 'structures')} : déduite du code NAF du répertoire SIRENE, ou choisie d’après l’activité que décrivent les sources.`
	};
}

/** Structures by INSEE headcount band, in the bands' order (a size scale, not a ranking). */
function sizesFigure(r: Selected, where: string): Figure {
	const counts = new Map<string, number>();
	for (const o of r.organisations) if (o.sizeBand) counts.set(o.sizeBand, (counts.get(o.sizeBand) ?? 0) + 1);
	const rows = SIZE_BANDS.filter((b) => counts.has(b.code)).map((b) => ({
		code: b.code,
		label: b.label,
		values: [counts.get(b.code)!]
	}));
	const known = rows.reduce((n, row) => n + total(row), 0);
	const n = r.organisations.length;
	const first = [...rows].sort(byTotalThenName)[0];
	return {
		id: 'tailles',
		title: 'Structures par tranche d’effectifs salariés',
		reading: first
			? `La tranche la plus fréquente${where} : ${first.label.charAt(0).toLowerCase()}${first.label.slice(1)} (${count(total(first), 'structure', 'structures')} sur ${known} dont la tranche est connue).`
			: `Aucune structure publiée n’a de tranche d’effectifs renseignée${where} : elle vient du répertoire SIRENE, à l’import.`,
		rowHeader: 'Tranche d’effectifs',
		unit: 'structures',
		series: [{ key: 'structures', label: 'Structures de l’ESS' }],
		rows,
		mark: 'bars',
		rowKind: 'sizeBand',
		facts: {
			reading: first ? 'sizes' : 'sizes-none',
			counts: { first: first ? total(first) : 0, known, all: n },
			row: first?.code
		},
		note: `Tranche connue pour ${known} des ${count(n, 'structure', 'structures')}, telle que le répertoire SIRENE l’indique (tranches de l’INSEE).`
	};
}

function thematiquesFigure(input: ObservatoryInput, r: Selected, where: string): Figure {
	const rows = input.geo.thematiques
		.map((t) => ({
			code: t.code,
			label: t.label,
			values: [r.organisations, r.initiatives, r.fundingTools].map(
				(list) => list.filter((x) => x.thematiques.includes(t.code)).length
			)
		}))
		.sort(byTotalThenName);
	const untagged = [...r.organisations, ...r.initiatives, ...r.fundingTools].filter(
		(x) => x.thematiques.length === 0
	).length;
	return {
		id: 'thematiques',
		title: 'Fiches par thématique du Conseil de l’ESS',
		reading:
			rows[0] && total(rows[0])
				? `« ${rows[0].label} » est la thématique la plus citée (${total(rows[0])} fiches)${where}.`
				: `Aucune fiche rattachée à une thématique${where}.`,
		rowHeader: 'Thématique',
		unit: 'fiches',
		series: [...PLACES, { key: 'outils', label: 'Outils de financement' }],
		rows,
		mark: 'bars',
		rowKind: 'thematique',
		facts: {
			reading: rows[0] && total(rows[0]) ? 'thematiques' : 'thematiques-none',
			counts: { first: rows[0] ? total(rows[0]) : 0, untagged },
			row: rows[0]?.code
		},
		note: `Une fiche peut relever de plusieurs thématiques ; ${count(untagged, 'fiche n’est rattachée', 'fiches ne sont rattachées', 'toutes les fiches sont rattachées')}${untagged ? ' à aucune' : ' à au moins une'}.`
	};
}

function qpvFigure(input: ObservatoryInput, r: Selected, where: string): Figure {
	const counts = placesBy(r.organisations, r.initiatives, (x) => x.qpv);
	const qpvs = input.geo.qpv.filter(
		(q) => !r.communeFilter || q.communeCode === undefined || q.communeCode === r.communeFilter
	);
	// Initiatives first: the figure is about residents' initiatives in the priority neighbourhoods.
	const rows = qpvs
		.map((q) => {
			const [structures, initiatives] = counts.get(q.slug) ?? [0, 0];
			return { code: q.slug, label: q.name, values: [initiatives, structures] };
		})
		.sort((a, b) => b.values[0] - a.values[0] || byTotalThenName(a, b));
	const without = rows.filter((row) => row.values[0] === 0).length;
	const located = r.initiatives.filter((i) => i.qpv !== undefined).length;
	return {
		id: 'qpv',
		title: 'Initiatives par quartier prioritaire (QPV)',
		reading:
			rows.length === 0
				? `Aucun quartier prioritaire${where}.`
				: without === rows.length
					? `Aucune initiative publiée n’est rattachée à un QPV${where}.`
					: `${count(rows.length - without, 'QPV compte', 'QPV comptent')} au moins une initiative publiée${where}${without ? ` ; ${count(without, 'n’en compte', 'n’en comptent')} aucune` : ''}.`,
		rowHeader: 'Quartier prioritaire',
		unit: 'fiches',
		series: [PLACES[1], PLACES[0]],
		rows,
		mark: 'bars',
		rowKind: 'place',
		facts: {
			reading:
				rows.length === 0
					? 'qpv-none'
					: without === rows.length
						? 'qpv-no-initiative'
						: without
							? 'qpv-some-empty'
							: 'qpv',
			counts: { with: rows.length - without, without, located, initiatives: r.initiatives.length }
		},
		note: `Fiches dont le QPV est renseigné (${count(located, 'initiative', 'initiatives')} sur ${r.initiatives.length}) ; il l’est d’office quand les contours officiels des QPV sont importés.`
	};
}

function toolsFigure(
	id: 'financements-stades' | 'financements-types' | 'financements-publics',
	r: Selected,
	where: string
): Figure {
	const spec = {
		'financements-stades': {
			title: 'Outils de financement par stade du projet',
			rowHeader: 'Stade',
			terms: STAGES,
			codes: (t: FundingTool) => t.stages,
			sort: false
		},
		'financements-types': {
			title: 'Outils de financement par type',
			rowHeader: 'Type de financement',
			terms: FUNDING_TYPES,
			codes: (t: FundingTool) => t.types,
			sort: true
		},
		'financements-publics': {
			title: 'Outils de financement par public éligible',
			rowHeader: 'Public',
			terms: AUDIENCES,
			codes: (t: FundingTool) => t.eligibility.audiences,
			sort: false
		}
	}[id];
	const counts = toolsBy(r.fundingTools, spec.codes);
	let rows = (spec.terms as readonly { code: string; label: string }[]).map((term) => ({
		code: term.code,
		label: term.label,
		values: [...(counts.get(term.code) ?? [0, 0, 0])]
	}));
	// Types are many: only those that exist, most frequent first. Stages keep their order (a project's life)
	// and publics all appear, since an empty one is a gap.
	if (spec.sort) rows = rows.filter((row) => total(row) > 0).sort(byTotalThenName);
	const gaps = rows.filter((row) => row.values[0] + row.values[1] === 0);
	const open = r.fundingTools.filter(isOpen).length;
	const toCheck = r.fundingTools.filter((t) => availabilityIndex(t) === 1).length;
	const terms: Record<typeof id, TaxonomyName> = {
		'financements-stades': 'stage',
		'financements-types': 'fundingType',
		'financements-publics': 'audience'
	};
	return {
		id,
		title: spec.title,
		reading: gaps.length
			? `Sans aucun outil ouvert ni à vérifier${where} : ${gaps.map((g) => g.label).join(', ')}.`
			: `${count(open, 'outil ouvert', 'outils ouverts', 'Aucun outil ouvert')} et ${count(toCheck, 'outil', 'outils')} à vérifier sur ${r.fundingTools.length}${where} ; chaque ${spec.rowHeader.toLowerCase()} en a au moins un.`,
		rowHeader: spec.rowHeader,
		unit: 'outils',
		series: AVAILABILITY_SERIES,
		rows,
		mark: 'bars',
		rowKind: terms[id],
		facts: {
			reading: gaps.length ? 'tools-gaps' : 'tools',
			counts: { open, toCheck, all: r.fundingTools.length },
			list: gaps.map((g) => g.code)
		},
		note: 'Un outil peut couvrir plusieurs lignes.'
	};
}

function gapsFigure(r: Selected, where: string): Figure {
	const open = r.fundingTools.filter(notClosed);
	const rows = STAGES.map((s) => ({
		code: s.code,
		label: s.label,
		values: AUDIENCES.map(
			(a) => open.filter((t) => t.stages.includes(s.code) && t.eligibility.audiences.includes(a.code)).length
		)
	}));
	const cells = rows.flatMap((row) =>
		row.values.flatMap((v, i) => (v === 0 ? [[row.code, AUDIENCES[i].code] as [string, string]] : []))
	);
	const empty = cells.map(
		([stage, audience]) =>
			`${rows.find((row) => row.code === stage)!.label} × ${AUDIENCES.find((a) => a.code === audience)!.label.split(' (')[0]}`
	);
	return {
		id: 'financements-lacunes',
		title: 'Outils non fermés par stade et par public : les lacunes',
		reading: empty.length
			? `${count(empty.length, 'case vide', 'cases vides')}${where} (aucun outil ouvert ni à vérifier) : ${empty.join(' ; ')}.`
			: `Chaque stade a au moins un outil ouvert ou à vérifier pour chaque public${where}.`,
		rowHeader: 'Stade',
		unit: 'outils non fermés',
		series: AUDIENCES.map((a) => ({ key: a.code, label: a.label.split(' (')[0] })),
		rows,
		mark: 'cells',
		rowKind: 'stage',
		facts: { reading: empty.length ? 'gaps' : 'gaps-none', counts: { empty: empty.length }, cells },
		note: 'Outils ouverts, sur appel à projets ou dont la disponibilité est à vérifier (les fermés sont exclus). Une case à 0 est une lacune.'
	};
}

/** The date twelve months before `today` (AAAA-MM-JJ); 29 February falls back to the 28th. */
export function twelveMonthsBefore(today: string): string {
	const [y, m, d] = today.split('-').map(Number);
	const day = Math.min(d, new Date(Date.UTC(y - 1, m, 0)).getUTCDate());
	return `${y - 1}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function freshnessFigure(input: ObservatoryInput, r: Selected, where: string) {
	const since = twelveMonthsBefore(input.today);
	const lists = [
		['structures', 'Structures de l’ESS', r.organisations],
		['initiatives', 'Initiatives', r.initiatives],
		['outils', 'Outils de financement', r.fundingTools]
	] as const;
	const rows = lists.map(([code, label, list]) => {
		const fresh = list.filter((x) => x.lastVerified >= since).length;
		return { code, label, values: [fresh, list.length - fresh] };
	});
	const fresh = rows.reduce((n, row) => n + row.values[0], 0);
	const all = rows.reduce((n, row) => n + total(row), 0);
	const figure: Figure = {
		id: 'fraicheur',
		title: 'Fraîcheur des fiches : vérifiées dans les 12 derniers mois',
		reading: `${percent(fresh, all)} des fiches publiées${where} ont été vérifiées depuis le ${frenchLongDate(since)} (${fresh} sur ${all}).`,
		rowHeader: 'Type de fiche',
		unit: 'fiches',
		series: [
			{ key: 'recentes', label: 'Vérifiées dans les 12 derniers mois' },
			{ key: 'anciennes', label: 'Vérifiées avant' }
		],
		rows,
		mark: 'bars',
		rowKind: 'kind',
		facts: { reading: 'freshness', counts: { fresh, all }, date: since }
	};
	return figure;
}

/**
 * Every figure for these filters, in the page's order. The quartier figure only when Strasbourg is in the
 * selection (the quartiers are Strasbourg's).
 */
export function observatoryFigures(input: ObservatoryInput, filters: ObservatoryFilters = {}): Figure[] {
	const base = filteredRecords(input, filters);
	const r = { ...base, communeFilter: filters.commune?.code };
	const where = filterWords(filters);
	const strasbourg = !filters.commune || filters.commune.code === STRASBOURG;
	return [
		communesFigure(input, r, where, filters),
		...(strasbourg ? [quartiersFigure(input, r, where)] : []),
		familiesFigure(r, where),
		legalFormsFigure(r, where),
		activitiesFigure(r, where),
		sizesFigure(r, where),
		thematiquesFigure(input, r, where),
		qpvFigure(input, r, where),
		toolsFigure('financements-stades', r, where),
		toolsFigure('financements-types', r, where),
		toolsFigure('financements-publics', r, where),
		gapsFigure(r, where),
		freshnessFigure(input, r, where)
	];
}

/** INSEE code of Strasbourg, the only commune with quartiers. */
const STRASBOURG = '67482';

/** A figure's rows with a total column when it has several series: the table and the CSV. */
export function figureTable(
	figure: Figure,
	totalHeader = 'Total'
): { headers: string[]; rows: (string | number)[][] } {
	const several = figure.series.length > 1 && figure.mark === 'bars';
	return {
		headers: [figure.rowHeader, ...figure.series.map((s) => s.label), ...(several ? [totalHeader] : [])],
		rows: figure.rows.map((row) => [row.label, ...row.values, ...(several ? [total(row)] : [])])
	};
}
