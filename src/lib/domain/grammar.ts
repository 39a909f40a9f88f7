/**
 * French agreement for the words the app assembles itself (« secteur inconnu », « famille inconnue »,
 * « 3 lieux »), instead of writing both forms at once (« inconnu(e) », « connecté·e »), which reads badly
 * and is spelt out letter by letter by screen readers.
 */
export type Gender = 'm' | 'f';

/** A regular adjective or past participle agreed in gender and number: inconnu -> inconnue, inconnus, inconnues. */
export function agree(adjective: string, gender: Gender, count = 1): string {
	let word = adjective;
	if (gender === 'f') {
		if (word.endsWith('eux')) word = `${word.slice(0, -1)}se`;
		else if (word.endsWith('if')) word = `${word.slice(0, -1)}ve`;
		else if (word.endsWith('el') || word.endsWith('en')) word = `${word}${word.at(-1)}e`;
		else if (!word.endsWith('e')) word = `${word}e`;
	}
	return count > 1 ? pluralOf(word) : word;
}

/** The plural of a regular noun or adjective: lieu -> lieux, fiche -> fiches, local -> locaux; acronyms stay. */
export function pluralOf(word: string): string {
	if (/[sxz]$/.test(word) || word === word.toUpperCase()) return word;
	if (/(eau|au|eu)$/.test(word)) return `${word}x`;
	if (word.endsWith('al')) return `${word.slice(0, -2)}aux`;
	return `${word}s`;
}

/** « 1 lieu », « 3 lieux », « 0 lieu » (French keeps zero singular); `plural` when it is irregular. */
export function countOf(n: number, singular: string, plural = pluralOf(singular)): string {
	return `${new Intl.NumberFormat('fr-FR').format(n)} ${n > 1 ? plural : singular}`;
}
