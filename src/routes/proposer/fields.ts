/** Ids shared by a field, its label, hint and error, and the error summary's links to it. */
export function fieldId(name: string): string {
	return `f-${name.replace(/[^a-zA-Z0-9]+/g, '-')}`;
}

/** aria-describedby for a field: its hint and its error, when present. */
export function describedBy(name: string, opts: { hint?: boolean; error?: string }): string | undefined {
	const id = fieldId(name);
	const ids = [opts.hint ? `${id}-aide` : '', opts.error ? `${id}-erreur` : ''].filter(Boolean);
	return ids.length ? ids.join(' ') : undefined;
}

/** Labels of the shared field groups in the error summary, in the order the forms show them. */
export const PLACE_LABELS = {
	'place.zone': 'Quartier ou commune',
	'place.locationMode': 'Comment situer le lieu',
	'place.address': 'Adresse',
	'place.lon': 'Longitude',
	'place.lat': 'Latitude'
};
export const CONTACT_LABELS = { website: 'Site web', email: 'E-mail de contact', phone: 'Téléphone' };
export const CLASSIFICATION_LABELS = { thematiques: 'Thématiques', sectors: 'Domaines' };
export const SUBMITTER_LABELS = { submitterEmail: 'Votre adresse e-mail', message: 'Un mot pour l’équipe' };
