/**
 * Values as people type them in spreadsheets, for the import: names compared without accents or case,
 * French dates, and « vouliez-vous dire … ? » suggestions for names and codes typed a little wrong.
 * Pure and total: any text gives a value or a French message.
 */

/**
 * Lower case, no accents, ligatures spelled out (« Hœnheim » = « Hoenheim »), punctuation and dashes as
 * single spaces: how names, labels and headers are compared.
 */
export function foldName(s: string): string {
	return s
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/œ/gi, 'oe')
		.replace(/æ/gi, 'ae')
		.replace(/ß/g, 'ss')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, ' ')
		.trim();
}

/** A header or label for matching: folded, and each word without a plural s (« Thématiques » = « thématique »). */
export function foldHeader(s: string): string {
	return foldName(s.replace(/\(s\)/gi, ''))
		.split(' ')
		.map((w) => (w.length > 3 && /[^s]s$/.test(w) ? w.slice(0, -1) : w))
		.join(' ');
}

/** Optimal string alignment distance (Levenshtein with transpositions), stopped past `max`. */
export function editDistance(a: string, b: string, max = 4): number {
	if (Math.abs(a.length - b.length) > max) return max + 1;
	const rows: number[][] = [];
	for (let i = 0; i <= a.length; i++) {
		const row = [i];
		let best = i;
		for (let j = 1; j <= b.length; j++) {
			if (i === 0) {
				row.push(j);
				continue;
			}
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let d = Math.min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
				d = Math.min(d, rows[i - 2][j - 2] + 1);
			row.push(d);
			best = Math.min(best, d);
		}
		rows.push(row);
		if (i > 0 && best > max) return max + 1;
	}
	return rows[a.length][b.length];
}

/** How many edits a word of this length may carry and still be suggested. */
function tolerance(length: number): number {
	return length <= 4 ? 1 : length <= 8 ? 2 : 3;
}

/**
 * The display names whose folded keys are close to `typed`: a few edits away, or starting with it (at least
 * 4 letters: « Illkirch » for « Illkirch-Graffenstaden »). Best first, at most `limit`, no repeats.
 */
export function suggest(
	typed: string,
	candidates: readonly { key: string; display: string }[],
	limit = 3
): string[] {
	const wanted = foldName(typed);
	if (wanted === '') return [];
	const scored: { display: string; score: number }[] = [];
	for (const c of candidates) {
		if (c.key === '') continue;
		let score = editDistance(wanted, c.key, 3);
		if (score > tolerance(wanted.length)) {
			if (wanted.length >= 4 && (c.key.startsWith(`${wanted} `) || c.key.startsWith(wanted))) score = 2.5;
			else continue;
		}
		scored.push({ display: c.display, score });
	}
	scored.sort((a, b) => a.score - b.score || a.display.localeCompare(b.display, 'fr'));
	return [...new Set(scored.map((s) => s.display))].slice(0, limit);
}

/** « vouliez-vous dire « A » ou « B » ? », or '' without suggestions. */
export function didYouMean(suggestions: readonly string[]): string {
	if (suggestions.length === 0) return '';
	const quoted = suggestions.map((s) => `« ${s} »`);
	const list = quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} ou ${quoted.at(-1)}`;
	return `vouliez-vous dire ${list} ?`;
}

// ---------------------------------------------------------------------------------------------------------
// Dates

const MONTHS: Record<string, number> = {
	janvier: 1,
	janv: 1,
	jan: 1,
	fevrier: 2,
	fevr: 2,
	fev: 2,
	mars: 3,
	avril: 4,
	avr: 4,
	mai: 5,
	juin: 6,
	juillet: 7,
	juil: 7,
	aout: 8,
	septembre: 9,
	sept: 9,
	sep: 9,
	octobre: 10,
	oct: 10,
	novembre: 11,
	nov: 11,
	decembre: 12,
	dec: 12
};

const pad = (n: number) => String(n).padStart(2, '0');

function isoOf(year: number, month: number, day: number): string | undefined {
	if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1000 || year > 2999) return undefined;
	const d = new Date(Date.UTC(year, month - 1, day));
	if (d.getUTCMonth() !== month - 1) return undefined;
	return `${year}-${pad(month)}-${pad(day)}`;
}

export type DateResult = { ok: true; iso: string } | { ok: false; message: string };

/**
 * A calendar date as people write it in France: `2026-12-04` (our exports), `04/12/2026`, `4/12/2026`,
 * `04-12-2026`, `04.12.2026`, `4 décembre 2026`, `1er décembre 2026`, and two-digit years `4/12/26`, read
 * as 2000-2099 (a record's verification or a deadline is never in the last century; a founding year has
 * its own four-digit field). Day first, always: `12/04/2026` is the 12th of April. A time after the date
 * (`2026-12-04T10:00`, `04/12/2026 10:00`, as spreadsheets export them) is dropped.
 */
export function parseFrenchDate(text: string): DateResult {
	const t = text.trim().replace(/\s+/g, ' ');
	const fail = (): DateResult => ({
		ok: false,
		message: `date illisible « ${t.slice(0, 40)} » : jour, mois et année attendus, par exemple 04/12/2026 ou 2026-12-04`
	});
	let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+Z?)?$/.exec(t);
	if (m) {
		const iso = isoOf(Number(m[1]), Number(m[2]), Number(m[3]));
		return iso ? { ok: true, iso } : fail();
	}
	m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?: [\d:h]+)?$/.exec(t);
	if (m) {
		const year = m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
		const iso = isoOf(year, Number(m[2]), Number(m[1]));
		return iso ? { ok: true, iso } : fail();
	}
	m = /^(\d{1,2})(?:er)? ([\p{L}.]+) (\d{4})$/u.exec(t);
	if (m) {
		const month = MONTHS[foldName(m[2])];
		const iso = month ? isoOf(Number(m[3]), month, Number(m[1])) : undefined;
		return iso ? { ok: true, iso } : fail();
	}
	return fail();
}
