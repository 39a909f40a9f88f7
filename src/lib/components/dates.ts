/** "2026-11-29" -> "29 novembre 2026"; an unreadable date is shown as written. */
export function frenchDate(iso: string): string {
	const d = new Date(`${iso}T12:00:00Z`);
	if (Number.isNaN(d.getTime())) return iso;
	return new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' }).format(d);
}
