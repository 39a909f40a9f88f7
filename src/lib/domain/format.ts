/**
 * French formatters shared by the pages and the funding rules: euros, dates, durations in months, rates,
 * lists (« a, b et c »). Pure and locale-fixed (fr-FR, UTC for dates) so the server and the browser write
 * the same text whatever their time zone.
 */
import type { Amount } from './records';

const EUROS = new Intl.NumberFormat('fr-FR', {
	style: 'currency',
	currency: 'EUR',
	maximumFractionDigits: 0
});

/** "20 000 €". Intl writes narrow no-break spaces, which keep an amount on one line. */
export function formatEuros(n: number): string {
	return EUROS.format(n);
}

const DATE = new Intl.DateTimeFormat('fr-FR', {
	day: 'numeric',
	month: 'long',
	year: 'numeric',
	timeZone: 'UTC'
});

/** "29 novembre 2026" from "2026-11-29"; an unreadable date is shown as written rather than failing a page. */
export function formatDate(iso: string): string {
	const d = new Date(`${iso}T00:00:00Z`);
	return Number.isNaN(d.getTime()) ? iso : DATE.format(d);
}

/** French month names, January first. */
export const FRENCH_MONTHS = [
	'janvier',
	'février',
	'mars',
	'avril',
	'mai',
	'juin',
	'juillet',
	'août',
	'septembre',
	'octobre',
	'novembre',
	'décembre'
] as const;

/** A day of the month as French writes it: « 1er », « 2 ». */
export const frenchDayOfMonth = (d: number) => (d === 1 ? '1er' : String(d));

/** « 1er juin 2026 » from « 2026-06-01 »: formatDate with the ordinal French writes for the first. */
export function frenchLongDate(iso: string): string {
	const [y, m, d] = iso.split('-').map(Number);
	return `${frenchDayOfMonth(d)} ${FRENCH_MONTHS[m - 1]} ${y}`;
}

/** The amount range as a visitor reads it; the year of an old figure stays beside it. */
export function amountLabel(amount: Amount | undefined): string {
	if (!amount) return 'Montant non publié';
	const { min, max, average, year } = amount;
	let text: string;
	if (min !== undefined && max !== undefined)
		text = min === max ? formatEuros(min) : `${formatEuros(min)} à ${formatEuros(max)}`;
	else if (max !== undefined) text = `Jusqu’à ${formatEuros(max)}`;
	else if (min !== undefined) text = `À partir de ${formatEuros(min)}`;
	else if (average !== undefined) text = `En moyenne ${formatEuros(average)}`;
	else return 'Montant par projet non publié';
	if (average !== undefined && (min !== undefined || max !== undefined))
		text += ` (en moyenne ${formatEuros(average)})`;
	return year ? `${text} (chiffre de ${year})` : text;
}

function months(n: number): string {
	if (n % 12 === 0) return n === 12 ? '1 an' : `${n / 12} ans`;
	return `${n} mois`;
}

/** "5 à 7 ans", "18 mois", "au plus 7 ans"; undefined when unknown. */
export function monthsRangeLabel(range: { min?: number; max?: number } | undefined): string | undefined {
	if (!range || (range.min === undefined && range.max === undefined)) return undefined;
	const { min, max } = range;
	if (min !== undefined && max !== undefined) {
		if (min === max) return months(min);
		if (min % 12 === 0 && max % 12 === 0) return `${min / 12} à ${months(max)}`;
		return `${months(min)} à ${months(max)}`;
	}
	if (max !== undefined) return `au plus ${months(max)}`;
	return `au moins ${months(min as number)}`;
}

/** "Taux zéro (0 %)", "1,5 % par an"; undefined when unknown. */
export function rateLabel(rate: number | undefined): string | undefined {
	if (rate === undefined) return undefined;
	return rate === 0 ? 'Taux zéro (0 %)' : `${String(rate).replace('.', ',')} % par an`;
}

/** French list: "a, b et c" (or "ou"). */
export function frenchList(items: readonly string[], conj: 'et' | 'ou' = 'et'): string {
	if (items.length <= 1) return items.join('');
	return `${items.slice(0, -1).join(', ')} ${conj} ${items[items.length - 1]}`;
}

/** "associations..." -> "Associations...". */
export function upperFirst(s: string): string {
	return s.charAt(0).toUpperCase() + s.slice(1);
}

/** "Seules les..." -> "seules les..." after a colon; acronyms ("ESUS...") keep their capitals. */
export function lowerFirst(s: string): string {
	return /^\p{Lu}\p{Ll}/u.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s;
}

const folded = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[’']/g, ' ').toLowerCase();

/**
 * Who carries an initiative, in words: its name, and the kind of carrier beside it (« Horizome »,
 * « association ») unless the name already says it. Without a name, the kind alone: « Association
 * (Association) » said the same thing twice.
 */
export function carrierWords(kindLabel: string, name?: string): { name: string; kind?: string } {
	if (!name?.trim()) return { name: kindLabel };
	if (folded(name).startsWith(folded(kindLabel))) return { name };
	return { name, kind: lowerFirst(kindLabel) };
}
