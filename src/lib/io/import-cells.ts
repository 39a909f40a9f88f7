/**
 * One spreadsheet cell to a field value, for imports: what cells.ts reads (our exports, codes, JSON lists)
 * plus what people type: commune, quartier and thématique names, French dates, « oui / non / x », taxonomy
 * labels, SIRET and phone numbers that a spreadsheet turned into numbers, « www. » addresses, « 1 500 € ».
 * Pure and total: a value, or a French message saying why (with suggestions when a name is close).
 */
import type { FieldSpec } from '$lib/domain/fields';
import { parseCell, parseNumber, type CellResult } from './cells';
import { resolvePlace, resolveRecordRef, type LinkableRecord, type RefNames } from './ref-names';
import { matchTerm, matchTerms, splitItems } from './terms';
import { foldName, parseFrenchDate } from './values';

export interface ImportCellContext {
	/** The day sources without a date were seen: the row's verification date, else today. */
	seen: string;
	names: RefNames;
	/** Linkable records by folded name (providers, parents, carriers, combined tools). */
	recordsByName: Map<string, LinkableRecord[]>;
}

const ok = (value: unknown): CellResult => ({ ok: true, value });
const bad = (message: string): CellResult => ({ ok: false, message });

const YES = new Set(['oui', 'o', 'x', 'vrai', 'true', 'yes', 'y', '1', 'on', 'ok']);
const NO = new Set(['non', 'n', 'faux', 'false', 'no', '0', 'off']);

function parseBoolean(spec: FieldSpec, text: string): CellResult {
	if (/^[✓✔☑]$/u.test(text)) return ok(true);
	if (/^[✗✘☐-]$/u.test(text)) return ok(spec.omitFalse ? undefined : false);
	const t = foldName(text);
	if (YES.has(t)) return ok(true);
	if (NO.has(t)) return ok(spec.omitFalse ? undefined : false);
	return bad(`oui ou non attendu, lu « ${text.slice(0, 40)} »`);
}

/**
 * Sources as people list them: addresses separated by « | », « ; », line breaks or spaces; a text before
 * an address is its title (« Site de la Ville https://… »); a text alone is a reference to a publication.
 */
function parseSourceList(text: string, seen: string): CellResult {
	if (text.startsWith('[')) return parseCell({ type: 'sources' } as FieldSpec, text, { seen });
	const out: Record<string, string>[] = [];
	for (const piece of text.split(/\s*[|\n]\s*/)) {
		if (piece.trim() === '') continue;
		const urls = piece.match(/https?:\/\/[^\s;|]+/gi) ?? [];
		if (urls.length === 0) {
			out.push({ reference: piece.trim(), seen });
			continue;
		}
		const before = piece
			.slice(0, piece.search(/https?:\/\//i))
			.replace(/[\s:;,–—-]+$/, '')
			.trim();
		urls.forEach((url, i) => {
			const clean = url.replace(/[.,;)]+$/, '');
			out.push(i === 0 && before ? { url: clean, title: before, seen } : { url: clean, seen });
		});
	}
	return ok(out);
}

function parseYearOrDate(text: string): number | undefined {
	if (/^\d{4}$/.test(text)) return Number(text);
	const d = parseFrenchDate(text);
	return d.ok ? Number(d.iso.slice(0, 4)) : undefined;
}

export function parseImportCell(spec: FieldSpec, raw: string, ctx: ImportCellContext): CellResult {
	const text = raw.trim();
	if (text === '') return ok(undefined);
	switch (spec.type) {
		case 'date': {
			const d = parseFrenchDate(text);
			return d.ok ? ok(d.iso) : bad(d.message);
		}
		case 'boolean':
			return parseBoolean(spec, text);
		case 'int':
		case 'number': {
			// A founding year typed as a full date (« 12/03/1998 ») keeps its year.
			if (spec.type === 'int' && /Year$/.test(spec.path)) {
				const year = parseYearOrDate(text);
				if (year !== undefined) return ok(year);
			}
			const n = parseNumber(text.replace(/\s*(€|eur|euros|%|mois)$/i, ''));
			if (n === undefined) return bad(`nombre attendu, lu « ${text.slice(0, 40)} »`);
			if (spec.type === 'int' && !Number.isInteger(n))
				return bad(`nombre entier attendu, lu « ${text.slice(0, 40)} »`);
			return ok(n);
		}
		case 'enum': {
			if (!spec.taxonomy) return ok(text);
			const r = matchTerm(spec.taxonomy, text);
			return r.ok ? ok(r.code) : bad(r.message);
		}
		case 'enum-list': {
			if (text.startsWith('[') || !spec.taxonomy) return parseCell(spec, text, { seen: ctx.seen });
			const r = matchTerms(spec.taxonomy, text);
			return r.ok ? ok(r.codes) : bad(r.message);
		}
		case 'ref': {
			if (
				spec.ref === 'commune' ||
				spec.ref === 'quartier' ||
				spec.ref === 'qpv' ||
				spec.ref === 'thematique'
			) {
				const r = resolvePlace(ctx.names, spec.ref, text);
				return r.ok ? ok(r.code) : bad(r.message);
			}
			return ok(spec.ref ? resolveRecordRef(ctx.recordsByName, spec.ref, text) : text);
		}
		case 'ref-list': {
			if (text.startsWith('[')) return parseCell(spec, text, { seen: ctx.seen });
			if (spec.ref === 'thematique') {
				const isWhole = (p: string) => resolvePlace(ctx.names, 'thematique', p).ok;
				const codes: string[] = [];
				const problems: string[] = [];
				for (const item of splitItems(text, isWhole)) {
					const r = resolvePlace(ctx.names, 'thematique', item);
					if (!r.ok) problems.push(r.message);
					else if (!codes.includes(r.code)) codes.push(r.code);
				}
				return problems.length ? bad(problems.join(' ; ')) : ok(codes);
			}
			const items = text
				.split(/[|;\n,]/)
				.map((s) => s.trim())
				.filter((s) => s !== '');
			return ok(items.map((s) => (spec.ref ? resolveRecordRef(ctx.recordsByName, spec.ref, s) : s)));
		}
		case 'sources':
			return parseSourceList(text, ctx.seen);
		case 'url':
			return ok(/^www\./i.test(text) ? `https://${text}` : text);
		case 'tel':
			// A spreadsheet that took « 03 88 … » for a number dropped its leading zero.
			return ok(/^[1-9]\d{8}$/.test(text) ? `0${text}` : text);
		default: {
			if (spec.path === 'siret') {
				if (/^\d(?:[.,]\d+)?e\+?\d+$/i.test(text))
					return bad(
						`« ${text} » : le tableur a arrondi ce numéro ; mettez la colonne au format texte et recopiez les SIRET`
					);
				const digits = text.replace(/[\s\u00a0\u202f.]/g, '');
				return ok(/^\d{14}$/.test(digits) ? digits : text);
			}
			return parseCell(spec, text, { seen: ctx.seen });
		}
	}
}
