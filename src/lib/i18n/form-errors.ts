/**
 * Form errors in the reader's language, for the public forms (proposals, contact, buyers' needs, premises
 * offers; the funding finder and the buyers' pages may use it too).
 *
 * lib/domain writes every rule's message once, in French (the API, the workspace, data checks and tests
 * read it), and the server passes those messages on as they are (`FieldErrors`: input name -> French
 * message). That French message is the rule's identity: it is written in one place in lib/domain, either
 * fixed (« adresse e-mail invalide ») or with numbers (« au moins 20 caractères »), sometimes after the
 * field's French label (« Titre du besoin : au moins 5 caractères »). This module turns it into the
 * reader's language at the page's edge, where the language is known:
 *
 * 1. a French page gets the message unchanged (byte for byte: French tests and users read it);
 * 2. a message starting with a field's French label (`labels`) is that field's label in the reader's
 *    language, then the rest of the message translated by 3;
 * 3. a known rule, exact or with its numbers (`RULES`, then the caller's own `rules`), is its message;
 * 4. otherwise the French message is kept and its field named in `french`, so the page marks it
 *    `lang="fr"` (a rule nobody translated yet still says what is wrong, in words a screen reader reads
 *    right).
 *
 * Why not zod's issue codes: most of our rules are refinements (issue code `custom`, told apart only by
 * their message), several messages are made outside zod (the place check, the premises' plainer
 * messages, the guard's rate limits), and some pass through helpers that replace or move them
 * (moveZoneErrors, contactErrors). Matching at the edge needs none of those flows to change, and the unit
 * test runs the real schemas so that a rule added without its translation is seen.
 */
import type { FieldErrors } from '$lib/domain/errors';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';

/** A rule: its French message (exact, or a pattern whose groups are the numbers) and its translation. */
export type ErrorRule = readonly [french: string | RegExp, say: (...groups: string[]) => string];

export interface ShownErrors {
	/** Input name -> message in the reader's language (or French, see `french`). */
	errors: FieldErrors;
	/** Inputs whose message stayed French: the page marks them `lang="fr"`. */
	french: readonly string[];
}

export interface LocalizeOptions {
	/** Each field's French label (as a message may begin with it) and its label in the reader's language. */
	labels?: Readonly<Record<string, { fr: string; label: string }>>;
	/** The caller's own rules, tried after the shared ones. */
	rules?: readonly ErrorRule[];
}

const n = (s: string) => s.replace(/\s/g, '');

/** The rules every public form meets, by the French lib/domain and the server write. */
export const RULES: readonly ErrorRule[] = [
	// Texts, links, addresses (src/lib/domain/common.ts).
	['doit être un texte', () => m.form_error_not_text()],
	['ne doit pas être vide', () => m.form_error_empty()],
	[/^au moins (\d+) caractères$/, (min) => m.form_error_min_chars({ min })],
	[/^trop long \((\d+) caractères au plus\)$/, (max) => m.form_error_max_chars({ max })],
	[/^(\d+) caractères au plus$/, (max) => m.form_error_max_chars_short({ max })],
	['contient des caractères de contrôle', () => m.form_error_control()],
	['une seule ligne', () => m.form_error_single_line()],
	['adresse e-mail invalide', () => m.form_error_email()],
	['adresse attendue', () => m.form_error_email()],
	['texte attendu', () => m.form_error_not_text()],
	['adresse web invalide : elle doit commencer par http:// ou https://', () => m.form_error_url()],
	['adresse web trop longue', () => m.form_error_url_long()],
	['numéro de téléphone invalide', () => m.form_error_phone()],
	['date invalide : format attendu AAAA-MM-JJ', () => m.form_error_date()],
	['heure invalide : format attendu HH:MM, par ex. 14:30', () => m.form_error_time()],
	['SIRET invalide : 14 chiffres attendus', () => m.form_error_siret()],
	// A choice outside the list (a form tampered with, or a code gone): « secteur inconnu »…
	[/^(?:[\p{L}'’ ]+ (?:inconnue?s?|invalide)|rôle invalide : .*)$/u, () => m.form_error_unknown_choice()],
	// zod's own wording, where lib/domain wrote none (a whole block missing from a tampered form).
	[/^Invalid input/, () => m.form_error_invalid()],

	// The shared guard (src/lib/server/public-form.ts and each form's limits).
	['Le formulaire n’a pas pu être lu : réessayez.', () => m.form_error_unreadable()],
	['Les fichiers ne sont pas acceptés dans ce formulaire.', () => m.form_error_files()],
	[
		/^Votre envoi dépasse (\d+) Ko : raccourcissez les textes \(la description est limitée à ([\d\s]+) caractères\)\.$/,
		(kb, max) => m.form_error_too_big_texts({ kb, max: n(max) })
	],
	[
		/^Votre envoi dépasse (\d+) Ko : raccourcissez (?:le message|la description) \(([\d\s]+) caractères au plus\)\.$/,
		(kb, max) => m.form_error_too_big({ kb, max: n(max) })
	],
	[/^Vous avez envoyé beaucoup de propositions en peu de temps\./, () => m.propose_error_limit_hour()],
	[
		/^Vous avez atteint le nombre de propositions possible en une journée\./,
		() => m.propose_error_limit_day()
	],
	[/^Vous avez envoyé beaucoup de messages en peu de temps\./, () => m.contact_error_limit_hour()],
	[/^Vous avez atteint le nombre de messages possible en une journée\./, () => m.contact_error_limit_day()],
	[/^Vous avez publié beaucoup de besoins en peu de temps\./, () => m.need_error_limit_hour()],
	[/^Vous avez atteint le nombre de publications possible en une journée\./, () => m.need_error_limit_day()],
	[/^Vous avez envoyé beaucoup de réponses en peu de temps\./, () => m.need_error_answer_limit_hour()],
	[
		/^Vous avez atteint le nombre de réponses possible en une journée\./,
		() => m.need_error_answer_limit_day()
	],

	// Proposals: the place block, the required answers, an event's dates (src/lib/domain/proposal*.ts).
	['choisissez comment situer le lieu', () => m.propose_error_location_mode()],
	['choisissez le quartier ou la commune', () => m.propose_error_zone()],
	['choisissez une commune de l’Eurométropole', () => m.propose_error_zone()],
	['ce quartier n’est pas dans cette commune', () => m.propose_error_zone_mismatch()],
	['indiquez l’adresse, ou choisissez une autre façon de situer le lieu', () => m.propose_error_address()],
	[
		'placez le repère sur la carte, ou choisissez une autre façon de situer le lieu',
		() => m.propose_error_pin()
	],
	[
		'ce point est hors de l’Eurométropole : la longitude est proche de 7,7 et la latitude de 48,6',
		() => m.propose_error_pin_outside()
	],
	[/^(?:longitude|latitude) : nombre attendu$/, () => m.propose_error_coordinate()],
	[/^(?:longitude|latitude) hors limites$/, () => m.propose_error_pin_outside()],
	['choisissez au moins un rôle', () => m.propose_error_roles()],
	['choisissez une forme juridique (ou « non connue »)', () => m.propose_error_legal_form()],
	['indiquez qui porte l’initiative', () => m.propose_error_carrier()],
	['choisissez un type d’initiative', () => m.propose_error_initiative_type()],
	['choisissez au moins un type de lieu', () => m.propose_error_place_types()],
	['indiquez la date de l’événement', () => m.propose_error_event_date()],
	['la date de fin précède la date de début', () => m.propose_error_end_before_start()],
	['indiquez l’heure de début quand une heure de fin est donnée', () => m.propose_error_start_time()],
	['l’heure de fin doit suivre l’heure de début le même jour', () => m.propose_error_end_time()],

	// Contact (src/lib/domain/contact.ts, src/lib/server/contact.ts).
	['indiquez votre nom', () => m.contact_error_name()],
	['indiquez votre adresse e-mail, pour recevoir la réponse', () => m.contact_error_email()],
	['écrivez votre message', () => m.contact_error_message()],
	['Cette fiche n’existe pas ou n’est plus publiée.', () => m.contact_error_gone()],

	// Buyers' needs (src/lib/domain/buyers/need.ts, src/lib/server/db/needs.ts).
	['choisissez une activité', () => m.need_error_activity()],
	['choisissez une activité de la liste', () => m.need_error_activity()],
	['choisissez une commune ou un quartier', () => m.need_error_place()],
	['choisissez une commune ou un quartier de la liste', () => m.need_error_place()],
	['choisissez une base de la liste', () => m.need_error_basis()],
	['date attendue', () => m.need_error_date()],
	['date attendue au format AAAA-MM-JJ', () => m.need_error_date()],
	['cette date n’existe pas', () => m.need_error_no_such_date()],
	['la date est passée', () => m.need_error_past()],
	[
		/^au plus (\d+) jours après aujourd’hui \(le (\d{4}-\d{2}-\d{2})\)$/,
		(days, latest) => m.need_error_too_far({ days, latest })
	],
	['Ce besoin n’est plus ouvert.', () => m.need_error_closed()],
	['Lien de suivi inconnu ou révoqué.', () => m.need_error_link()],

	// Premises offers (src/lib/domain/places/premises.ts).
	['nombre de mètres carrés attendu', () => m.premises_error_surface()],
	['nombre entier de mètres carrés attendu', () => m.premises_error_surface_whole()],
	['au moins 1 m²', () => m.premises_error_surface_min()],
	['au plus 100 000 m²', () => m.premises_error_surface_max()],
	['montant en euros attendu', () => m.premises_error_euros()],
	['montant entier en euros attendu', () => m.premises_error_euros_whole()],
	['montant négatif', () => m.premises_error_negative()],
	['au plus 100 000 € par mois', () => m.premises_error_rent_max()],
	['choisissez « Gratuit » ou « Loyer »', () => m.premises_error_rent_kind()],
	['le maximum est plus petit que le minimum', () => m.premises_error_range()],
	['la fin de l’offre est avant la date de disponibilité', () => m.premises_error_until_before()],
	[
		/^une offre dure au plus un an \((\d+) jours\) : proposez-la de nouveau ensuite$/,
		(days) => m.premises_error_too_long({ days })
	],
	['cette date est déjà passée : l’offre ne serait jamais montrée', () => m.premises_error_past()],
	['indiquez la surface en mètres carrés', () => m.premises_error_missing_surface()],
	['indiquez le loyer mensuel (le minimum, si c’est une fourchette)', () => m.premises_error_missing_rent()],
	['indiquez la date à partir de laquelle le local est disponible', () => m.premises_error_missing_from()],
	['indiquez jusqu’à quand l’offre est valable', () => m.premises_error_missing_until()],
	['indiquez comment joindre la personne qui propose le local', () => m.premises_error_missing_contact()],
	[
		'décrivez le local en quelques phrases (20 caractères au moins)',
		() => m.premises_error_missing_description()
	]
];

function byRules(french: string, rules: readonly ErrorRule[]): string | undefined {
	for (const [pattern, say] of rules) {
		if (typeof pattern === 'string') {
			if (pattern === french) return say();
		} else {
			const found = pattern.exec(french);
			if (found) return say(...found.slice(1));
		}
	}
	return undefined;
}

/**
 * One French message in the reader's language, or `undefined` when no rule knows it. On a French page it is
 * the message itself.
 */
export function translateError(french: string, options: LocalizeOptions = {}): string | undefined {
	if (getLocale() === 'fr') return french;
	const rules = options.rules ? [...RULES, ...options.rules] : RULES;
	const own = byRules(french, rules);
	if (own !== undefined) return own;
	// « Titre du besoin : au moins 5 caractères »: the label in the reader's language, then the rule.
	for (const { fr, label } of Object.values(options.labels ?? {})) {
		if (!french.startsWith(`${fr} : `)) continue;
		const rest = byRules(french.slice(fr.length + 3), rules);
		if (rest !== undefined) return m.form_error_labelled({ label, message: rest });
	}
	return undefined;
}

/** A form's errors in the reader's language, those no rule knows kept in French and listed in `french`. */
export function localizeErrors(errors: FieldErrors, options: LocalizeOptions = {}): ShownErrors {
	const shown: FieldErrors = {};
	const french: string[] = [];
	for (const [name, message] of Object.entries(errors)) {
		const said = translateError(message, options);
		shown[name] = said ?? message;
		if (said === undefined) french.push(name);
	}
	return { errors: shown, french };
}
