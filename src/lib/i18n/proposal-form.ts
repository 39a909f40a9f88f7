/**
 * The public proposal forms in the reader's language. lib/domain derives each form from the record
 * fields' metadata, in French (src/lib/domain/proposal.ts: the workspace and the moderation views read the
 * same labels); a page in German or English passes the form through `localizeForm`, which writes every
 * legend, label, hint and choice in its language. A text is found by its French words, as lib/domain writes
 * each once: a French text with no translation here stays French (the unit test refuses one in the four
 * forms and the correction forms). Choices are taxonomy terms (`termLabel`) or thématiques.
 */
import type { FormBlock, PublicField, PublicForm } from '$lib/domain/proposal';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { termLabel, thematiqueLabel } from './terms';

/** Every text of the forms, by its French words. */
const TEXTS: Readonly<Record<string, () => string>> = {
	'L’initiative': m.propose_legend_initiative,
	'La structure': m.propose_legend_organisation,
	'Le lieu': m.propose_legend_place,
	'L’événement': m.propose_legend_event,
	'Qui, quand, comment': m.propose_legend_who,
	'Contact public': m.propose_legend_contact,
	'Ces informations seront publiées pour que les habitants puissent prendre contact.': m.propose_hint_contact,
	'Précisions facultatives': m.propose_legend_more,
	'Précisions facultatives : thématiques et domaines': m.propose_folded_more,
	'La fiche': m.propose_legend_record,
	'Pour supprimer une information, dites-le dans l’explication ci-dessous.': m.propose_note_record,
	'Votre explication': m.propose_legend_explanation,
	'Nom de l’initiative': m.propose_label_name_initiative,
	'Nom de la structure': m.propose_label_name_organisation,
	'Nom du lieu': m.propose_label_name_place,
	'Titre de l’événement': m.propose_label_name_event,
	Nom: m.propose_label_name,
	Titre: m.propose_summary_title,
	'Qu’est-ce que c’est ?': m.propose_label_description_initiative,
	'Que fait-elle ?': m.propose_label_description_organisation,
	'Quel est ce lieu ?': m.propose_label_description_place,
	Description: m.propose_summary_description,
	'Ce qui s’y fait et pour qui, en quelques phrases (20 caractères au moins).':
		m.propose_hint_description_initiative,
	'Son activité et pour qui, en quelques phrases (20 caractères au moins).':
		m.propose_hint_description_organisation,
	'Ce qu’on peut y faire et comment en profiter, en quelques phrases (20 caractères au moins).':
		m.propose_hint_description_place,
	Type: m.propose_label_type,
	'Type d’initiative': m.propose_summary_initiative_type,
	'Qui la porte ?': m.propose_label_carrier_kind,
	Porteur: m.propose_summary_carrier_kind,
	'Nom du collectif, de l’association ou de la structure': m.propose_label_carrier_name,
	'Nom du porteur': m.propose_summary_carrier_name,
	'Comment participer ou prendre contact ?': m.propose_label_how_to_join,
	'Comment participer': m.propose_summary_how_to_join,
	'Quand ?': m.propose_label_schedule,
	'Horaires ou dates': m.propose_summary_schedule,
	'Un rythme (« le premier samedi du mois, de 10 h à 12 h ») ou des dates.': m.propose_hint_schedule,
	'De quoi a-t-elle besoin ?': m.propose_label_needs,
	Besoins: m.propose_summary_needs,
	'Site web ou page': m.propose_label_website,
	'Site web': m.propose_summary_website,
	'Commence par https:// ou http://': m.propose_hint_website,
	'E-mail de contact': m.propose_label_email,
	'E-mail': m.propose_summary_email,
	Téléphone: m.propose_label_phone,
	'Thématiques du Conseil de l’ESS': m.propose_label_thematiques,
	Thématiques: m.propose_summary_thematiques,
	Domaines: m.propose_label_sectors,
	Secteurs: m.propose_summary_sectors,
	Rôle: m.propose_label_roles,
	Rôles: m.propose_summary_roles,
	'Une ou plusieurs réponses.': m.propose_hint_several,
	'Forme juridique': m.propose_label_legal_form,
	'Choisissez « Forme juridique non connue » si vous ne savez pas.': m.propose_hint_legal_form,
	'Numéro SIRET': m.propose_label_siret,
	SIRET: m.propose_summary_siret,
	'14 chiffres, si vous le connaissez.': m.propose_hint_siret,
	'Quel genre de lieu ?': m.propose_label_place_types,
	'Types de lieu': m.propose_summary_place_types,
	'Ce qu’on y trouve': m.propose_label_services,
	Services: m.propose_summary_services,
	'Un service par ligne.': m.propose_hint_services,
	'Pour qui ?': m.propose_label_audience,
	'Pour qui': m.propose_summary_audience,
	'À quelles conditions ?': m.propose_label_terms,
	'Conditions d’accès': m.propose_summary_terms,
	Accessibilité: m.propose_label_accessibility,
	'Horaires d’ouverture': m.propose_label_opening_hours,
	'Si vous les connaissez : une ligne par règle, par exemple « du lundi au vendredi de 9h à 18h », « samedi 10h-12h et 14h-17h », « jours fériés fermé », « 24/12/2026 9h-12h ».':
		m.propose_hint_opening_hours,
	'Date (ou premier jour)': m.propose_label_start_date,
	'Date de début': m.propose_summary_start_date,
	'Au format AAAA-MM-JJ, par exemple 2027-06-12.': m.propose_hint_start_date,
	'Dernier jour, s’il dure plusieurs jours': m.propose_label_end_date,
	'Date de fin': m.propose_summary_end_date,
	'Au format AAAA-MM-JJ ; laissez vide pour un seul jour.': m.propose_hint_end_date,
	'Heure de début': m.propose_label_start_time,
	'Par exemple 14:00 ; vide si vous ne savez pas.': m.propose_hint_start_time,
	'Heure de fin': m.propose_label_end_time,
	'Par exemple 18:00.': m.propose_hint_end_time,
	'Lien vers le programme ou l’inscription': m.propose_label_event_url,
	Lien: m.propose_summary_event_url,
	'Adresse commençant par https://': m.propose_hint_event_url,
	Adresse: m.propose_label_address,
	'Qu’est-ce qui est faux ou a changé ?': m.propose_label_explanation,
	'Ce qui ne va pas': m.propose_summary_explanation,
	'Par exemple : « le jardin a déménagé en 2026 », avec votre source si vous en avez une (10 caractères au moins).':
		m.propose_hint_explanation,
	'Quartier ou commune': m.propose_label_zone,
	'Comment situer le lieu': m.propose_label_location_mode,
	Longitude: m.propose_label_longitude,
	Latitude: m.propose_label_latitude,
	'Votre adresse e-mail': m.propose_label_submitter_email,
	'Un mot pour l’équipe': m.propose_label_message
};

/** A French text of the forms in the reader's language; `undefined` when it has no translation yet. */
export function formText(french: string): string | undefined {
	return Object.hasOwn(TEXTS, french) ? TEXTS[french]() : undefined;
}

const say = (french: string) => formText(french) ?? french;
const sayMaybe = (french: string | undefined) => (french === undefined ? undefined : say(french));

function field(f: PublicField): PublicField {
	const choices = f.choices;
	return {
		...f,
		label: say(f.label),
		summary: say(f.summary),
		hint: sayMaybe(f.hint),
		options: f.options?.map((o) => ({
			code: o.code,
			label:
				choices && 'taxonomy' in choices
					? termLabel(choices.taxonomy, o.code)
					: choices?.ref === 'thematique'
						? thematiqueLabel(o.code, o.label)
						: o.label
		}))
	};
}

function block(b: FormBlock): FormBlock {
	if (b.block !== 'fields') return b;
	return {
		...b,
		legend: say(b.legend),
		hint: sayMaybe(b.hint),
		note: sayMaybe(b.note),
		folded: sayMaybe(b.folded),
		fields: b.fields.map(field)
	};
}

/** A public form in the reader's language (the form itself on a French page). */
export function localizeForm(form: PublicForm): PublicForm {
	if (getLocale() === 'fr') return form;
	return {
		blocks: form.blocks.map(block),
		labels: Object.fromEntries(Object.entries(form.labels).map(([name, label]) => [name, say(label)]))
	};
}
