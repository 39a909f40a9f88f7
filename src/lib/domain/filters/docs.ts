/**
 * The README's table of filters, written from the registry (docs.test.ts fails when the README's copy
 * differs, and prints the table to paste).
 */
import type { RecordKind } from '../records';
import { FILTERS, filtersOn } from './registry';
import { namesOf } from './url';
import type { FilterDescriptor, Surface } from './types';

const COLLECTION: Record<RecordKind, string> = {
	organisation: 'organisations',
	initiative: 'initiatives',
	'funding-tool': 'funding-tools',
	place: 'lieux',
	event: 'evenements'
};

const SURFACE: Record<Surface, string> = {
	api: 'API',
	annuaire: 'annuaire',
	map: 'map',
	funding: 'financements'
};

const code = (s: string) => `\`${s}\``;

function values(d: FilterDescriptor): string {
	const s = d.source;
	switch (s.from) {
		case 'taxonomy': {
			const shown = s.values.length > 6 ? s.values.slice(0, 4) : s.values;
			const list = shown
				.map((v) => code(v.code) + (v.also?.length ? ` (or ${v.also.map(code).join(', ')})` : ''))
				.join(', ');
			const more = s.values.length > shown.length ? `… (${s.values.length} codes)` : '';
			const neutral = d.neutral?.length ? `; ${d.neutral.map(code).join(', ')}: no filter` : '';
			return `${list}${more}${neutral}`;
		}
		case 'communes':
			return 'INSEE code or slug (`67482`, `strasbourg`)';
		case 'quartiers':
			return 'code or slug (`SQ_07`, `meinau`)';
		case 'thematiques':
			return 'thématique code';
		case 'qpv':
			return 'QPV slug';
		case 'pattern':
			return `an identifier (${code(s.example)})`;
	}
}

function aliases(d: FilterDescriptor): string {
	return d.aliases
		.map((a) => {
			const where = [...a.surfaces.map((x) => SURFACE[x]), ...(a.kinds ?? []).map((k) => COLLECTION[k])].join(
				', '
			);
			return `${code(a.name)} (${where})`;
		})
		.join(', ');
}

/** One row per filter: its names, where it is offered, its values. */
export function filterTable(): string {
	const rows = (FILTERS as readonly FilterDescriptor[]).map((d) => {
		const map = d.on.map ? code(d.on.map.param ?? d.param) : '';
		const annuaire = d.on.annuaire ? (d.on.annuaire.tabs ? 'tabs' : 'facet') : '';
		return [
			code(d.param),
			aliases(d),
			d.label,
			(d.on.api ?? []).map((k) => COLLECTION[k]).join(', '),
			annuaire,
			map,
			d.on.funding ? code(d.param) : '',
			values(d)
		];
	});
	const head = ['parameter', 'also accepted', 'label', 'API', 'annuaire', 'map', 'financements', 'values'];
	return [head, head.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

/** One line per API collection: its filters' canonical names, the other accepted names in parentheses. */
export function apiParameterList(): string {
	return (
		(Object.keys(COLLECTION) as RecordKind[])
			// Events have no API collection (yet): the agenda and its feeds are their machine-readable outputs.
			.filter((kind) => filtersOn('api', kind).length > 0)
			.map((kind) => {
				const names = filtersOn('api', kind).map((d) => {
					const [canonical, ...others] = namesOf(d, 'api', kind);
					return others.length ? `${code(canonical)} (${others.map(code).join(', ')})` : code(canonical);
				});
				return `- ${code(COLLECTION[kind])}: ${names.join(', ')}`;
			})
			.join('\n')
	);
}
