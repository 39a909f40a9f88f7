/**
 * Text <-> value for one field, as a CSV cell or a form input. Pure and total: any text gives a value or a
 * French message, never an exception. The zod schemas validate the assembled record afterwards.
 */
import { termsOf } from '$lib/domain/taxonomies';
import type { FieldSpec } from '$lib/domain/fields';

export type CellResult = { ok: true; value: unknown } | { ok: false; message: string };

const ok = (value: unknown): CellResult => ({ ok: true, value });
const bad = (message: string): CellResult => ({ ok: false, message });

/** Lower case, no accents, single spaces: how headers, labels and yes/no words are compared. */
export function normaliseLabel(s: string): string {
	return s
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, ' ')
		.trim();
}

const TRUE = new Set(['true', 'vrai', 'oui', 'yes', '1', 'x', 'on']);
const FALSE = new Set(['false', 'faux', 'non', 'no', '0']);

/** "7,75" and "1 500,5" as typed in France, as well as "7.75". */
export function parseNumber(text: string): number | undefined {
	let t = text.replace(/[\s\u00a0\u202f]/g, '');
	if (/^[+-]?\d+,\d+$/.test(t)) t = t.replace(',', '.');
	if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return undefined;
	const n = Number(t);
	return Number.isFinite(n) ? n : undefined;
}

/** A code, or the French label of a code (maintainers may type "Association déclarée (loi 1901)"). */
function enumCode(spec: FieldSpec, text: string): string {
	if (!spec.taxonomy) return text;
	const terms = termsOf(spec.taxonomy);
	if (terms.some((t) => t.code === text)) return text;
	const wanted = normaliseLabel(text);
	return terms.find((t) => normaliseLabel(t.label) === wanted || t.code === wanted)?.code ?? text;
}

/** A list cell: a JSON array of strings, or items separated by "|" (codes may also be separated by , or ;). */
function parseList(spec: FieldSpec, text: string): CellResult {
	if (text.startsWith('[')) {
		let parsed: unknown;
		try {
			parsed = JSON.parse(text);
		} catch {
			return bad('liste illisible : tableau JSON invalide (ou séparez les valeurs par « | »)');
		}
		if (!Array.isArray(parsed) || parsed.some((v) => typeof v !== 'string'))
			return bad('liste illisible : un tableau de textes est attendu');
		return ok(parsed.map((v: string) => (spec.type === 'enum-list' ? enumCode(spec, v.trim()) : v)));
	}
	const separator = spec.type === 'text-list' ? /\|/ : /[|;,]/;
	const items = text
		.split(separator)
		.map((s) => s.trim())
		.filter((s) => s !== '');
	return ok(spec.type === 'enum-list' ? items.map((v) => enumCode(spec, v)) : items);
}

/**
 * Sources: the JSON written by our exports, or items separated by "|", each a web address or a reference,
 * dated `seen` (the row's last verification date, else the import date).
 */
function parseSources(text: string, seen: string): CellResult {
	if (text.startsWith('[')) {
		try {
			const parsed: unknown = JSON.parse(text);
			if (!Array.isArray(parsed)) return bad('sources : tableau JSON attendu');
			return ok(parsed);
		} catch {
			return bad('sources illisibles : tableau JSON invalide (ou séparez les adresses par « | »)');
		}
	}
	const items = text
		.split('|')
		.map((s) => s.trim())
		.filter((s) => s !== '');
	return ok(items.map((s) => (/^https?:\/\//i.test(s) ? { url: s, seen } : { reference: s, seen })));
}

/** One CSV cell (or GeoJSON property rendered as text) to a value; '' means "absent". */
export function parseCell(spec: FieldSpec, raw: string, ctx: { seen: string }): CellResult {
	const text = raw.trim();
	if (text === '') return ok(undefined);
	switch (spec.type) {
		case 'int':
		case 'number': {
			const n = parseNumber(text);
			if (n === undefined) return bad(`nombre attendu, lu « ${text.slice(0, 40)} »`);
			if (spec.type === 'int' && !Number.isInteger(n))
				return bad(`nombre entier attendu, lu « ${text.slice(0, 40)} »`);
			return ok(n);
		}
		case 'boolean': {
			const t = normaliseLabel(text);
			if (TRUE.has(t)) return ok(true);
			if (FALSE.has(t)) return ok(spec.omitFalse ? undefined : false);
			return bad(`oui ou non attendu, lu « ${text.slice(0, 40)} »`);
		}
		case 'enum':
			return ok(enumCode(spec, text));
		case 'enum-list':
		case 'ref-list':
		case 'text-list':
			return parseList(spec, text);
		case 'sources':
			return parseSources(text, ctx.seen);
		default:
			return ok(text);
	}
}

/** The inverse of parseCell for our exports: parseCell(formatCell(v)) gives v back. */
export function formatCell(spec: FieldSpec, value: unknown): string {
	if (value === undefined || value === null) return '';
	switch (spec.type) {
		case 'boolean':
			return value ? 'true' : 'false';
		case 'int':
		case 'number':
			return String(value);
		case 'enum-list':
		case 'ref-list':
		case 'text-list': {
			const items = value as string[];
			if (items.length === 0) return '';
			const plain = items.every(
				(s) =>
					s !== '' && s === s.trim() && !s.includes('|') && !(spec.type !== 'text-list' && /[;,]/.test(s))
			);
			return plain && !items[0].startsWith('[') ? items.join('|') : JSON.stringify(items);
		}
		case 'sources':
			return JSON.stringify(value);
		default:
			return String(value);
	}
}

// ---------------------------------------------------------------------------------------------------------
// Forms: the same fields as inputs. Lists of codes are checkboxes, lists of texts one item per line.

export type FormRaw = Record<string, string | string[]>;

export function formatFormValue(spec: FieldSpec, value: unknown): string | string[] {
	if (spec.type === 'enum-list' || spec.type === 'ref-list') return Array.isArray(value) ? value : [];
	if (value === undefined || value === null) return '';
	if (spec.type === 'text-list') return (value as string[]).join('\n');
	if (spec.type === 'boolean') return value ? 'on' : '';
	return String(value);
}

export interface SourceRow {
	url: string;
	reference: string;
	seen: string;
	note: string;
}

export function sourceRows(value: unknown): SourceRow[] {
	if (!Array.isArray(value)) return [];
	return value.map((s: Record<string, unknown>) => ({
		url: typeof s?.url === 'string' ? s.url : '',
		reference: typeof s?.reference === 'string' ? s.reference : '',
		seen: typeof s?.seen === 'string' ? s.seen : '',
		note: typeof s?.note === 'string' ? s.note : ''
	}));
}

/** Form inputs to a value. `raw` holds what the browser sent (sources as sources.N.url...). */
export function parseFormField(spec: FieldSpec, raw: FormRaw): CellResult {
	const v = raw[spec.path];
	const one = (Array.isArray(v) ? v[0] : v) ?? '';
	switch (spec.type) {
		case 'enum-list':
		case 'ref-list':
			return ok((Array.isArray(v) ? v : v ? [v] : []).filter((s) => s !== ''));
		case 'text-list':
			return ok(
				one
					.split(/\r?\n/)
					.map((s) => s.trim())
					.filter((s) => s !== '')
			);
		case 'boolean': {
			const on = one === 'on' || one === 'true';
			return ok(on ? true : spec.omitFalse ? undefined : false);
		}
		case 'sources': {
			const rows: Record<string, string>[] = [];
			for (const [key, value] of Object.entries(raw)) {
				const m = /^sources\.(\d{1,2})\.(url|reference|seen|note)$/.exec(key);
				if (!m) continue;
				const row = (rows[Number(m[1])] ??= {});
				row[m[2]] = (Array.isArray(value) ? value[0] : value).trim();
			}
			return ok(
				rows
					.filter((r) => r && Object.values(r).some((x) => x !== ''))
					.map((r) => Object.fromEntries(Object.entries(r).filter(([, x]) => x !== '')))
			);
		}
		default:
			return parseCell(spec, one, { seen: '' });
	}
}

/**
 * A stable text of a record for equality: keys sorted, and absent, empty lists and empty objects treated
 * alike (the schemas default `[]`/`{}` for absent values, so they mean the same thing).
 */
export function canonical(value: unknown): string {
	const strip = (v: unknown): unknown => {
		if (Array.isArray(v)) return v.map(strip);
		if (typeof v === 'object' && v !== null) {
			const out: Record<string, unknown> = {};
			for (const key of Object.keys(v).sort()) {
				const x = strip((v as Record<string, unknown>)[key]);
				if (x === undefined) continue;
				if (Array.isArray(x) && x.length === 0) continue;
				if (typeof x === 'object' && x !== null && !Array.isArray(x) && Object.keys(x).length === 0) continue;
				out[key] = x;
			}
			return out;
		}
		return v;
	};
	return JSON.stringify(strip(value));
}
