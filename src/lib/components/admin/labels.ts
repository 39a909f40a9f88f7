/** French words of the maintainers' workspace, shared by its pages. */
import type { RecordKind } from '$lib/domain/records';

export const ACTION_LABELS: Record<string, string> = {
	seed: 'données de départ',
	create: 'création',
	update: 'modification',
	import: 'import',
	restore: 'restauration',
	verify: 'vérification',
	archive: 'archivage',
	publish: 'publication',
	unpublish: 'retour en brouillon',
	merge: 'fusion',
	proposal: 'proposition approuvée',
	'sirene-create': 'création (import SIRENE)',
	'sirene-update': 'mise à jour (import SIRENE)',
	'sirene-confirm': 'confirmée par un stock SIRENE',
	'sirene-archive': 'archivage (import SIRENE)',
	geocode: 'géocodage de l’adresse'
};

export const STATUS_LABELS: Record<string, string> = {
	published: 'Publiée',
	draft: 'Brouillon',
	archived: 'Archivée'
};

export const KIND_NAMES: Record<RecordKind, string> = {
	organisation: 'Structure',
	initiative: 'Initiative',
	'funding-tool': 'Outil de financement',
	place: 'Lieu',
	event: 'Événement'
};

export const KIND_PLURALS: Record<RecordKind, string> = {
	organisation: 'Structures',
	initiative: 'Initiatives',
	'funding-tool': 'Outils de financement',
	place: 'Lieux',
	event: 'Événements'
};

export const PROPOSAL_TYPES: Record<string, string> = {
	'new-organisation': 'Nouvelle structure',
	'new-initiative': 'Nouvelle initiative',
	'new-place': 'Nouveau lieu',
	'new-event': 'Nouvel événement',
	change: 'Correction d’une fiche'
};

export const ROW_STATUS: Record<string, string> = {
	new: 'Nouvelle',
	update: 'Mise à jour',
	unchanged: 'Inchangée',
	error: 'Erreur'
};

/** "2026-11-29T07:20:54.000Z" -> "29/11/2026 08:20" in Paris time. */
export function dateTime(iso: string | null | undefined): string {
	if (!iso) return '';
	const d = new Date(iso);
	if (Number.isNaN(d.getTime())) return iso;
	return new Intl.DateTimeFormat('fr-FR', {
		timeZone: 'Europe/Paris',
		dateStyle: 'short',
		timeStyle: 'short'
	}).format(d);
}
