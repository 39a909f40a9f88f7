/** "Jardin partagé de l'Elsau" -> "jardin-partage-de-l-elsau": ids and slugs derived from names. */
export function slugify(text: string, max = 80): string {
	const s = text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/œ/gi, 'oe')
		.replace(/æ/gi, 'ae')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, max)
		.replace(/-+$/g, '');
	return s.length >= 2 ? s : `fiche-${s || 'sans-nom'}`;
}
