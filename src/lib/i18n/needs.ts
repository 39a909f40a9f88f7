/**
 * A buyer's need and its forms in the reader's language: the fields' labels (the domain's NEED_FIELDS and
 * INTEREST_FIELDS stay French: the workspace and the error messages use them), the legal bases a need may
 * name, the statuses. The need itself (title, buyer, description, place) stays as the buyer typed it.
 */
import type { LegalBasisCode } from '$lib/domain/buyers/bases';
import { INTEREST_FIELDS, NEED_FIELDS, type InterestStatus, type NeedStatus } from '$lib/domain/buyers/need';
import { m } from '$lib/paraglide/messages';
import type { LocalizeOptions } from './form-errors';

export type NeedField = keyof typeof NEED_FIELDS;
export type InterestField = keyof typeof INTEREST_FIELDS;

export function needLabels(): Record<NeedField, string> {
	return {
		titre: m.need_label_title(),
		activite: m.need_label_activity(),
		lieu: m.need_label_place(),
		base: m.need_label_basis(),
		echeance: m.need_label_deadline(),
		description: m.need_label_description(),
		acheteur: m.need_label_buyer(),
		email: m.need_label_email()
	};
}

export function interestLabels(): Record<InterestField, string> {
	return {
		structure: m.need_label_structure(),
		email: m.need_label_contact_email(),
		telephone: m.need_label_phone(),
		message: m.need_label_message()
	};
}

/** What the error messages need: each field's French label (messages begin with it) and the reader's. */
export function errorLabels<K extends string>(
	french: Readonly<Record<K, string>>,
	shown: Readonly<Record<K, string>>
): LocalizeOptions['labels'] {
	return Object.fromEntries((Object.keys(french) as K[]).map((k) => [k, { fr: french[k], label: shown[k] }]));
}

const BASES: Record<LegalBasisCode, () => string> = {
	'L2113-12': m.need_basis_l2113_12,
	'L2113-13': m.need_basis_l2113_13,
	'L2113-14': m.need_basis_l2113_14,
	'L2113-15': m.need_basis_l2113_15,
	clause: m.need_basis_clause,
	libre: m.need_basis_free
};

/** A legal basis's name in the reader's language. */
export const basisLabel = (code: LegalBasisCode) => BASES[code]();

const NEED_STATUSES: Record<NeedStatus, () => string> = {
	pending: m.need_status_pending,
	open: m.need_status_open,
	rejected: m.need_status_rejected,
	closed: m.need_status_closed,
	archived: m.need_status_archived
};
export const needStatusLabel = (s: NeedStatus) => NEED_STATUSES[s]();

const INTEREST_STATUSES: Record<InterestStatus, () => string> = {
	nouvelle: m.need_interest_new,
	vue: m.need_interest_seen,
	retenue: m.need_interest_kept,
	declinee: m.need_interest_declined
};
export const interestStatusLabel = (s: InterestStatus) => INTEREST_STATUSES[s]();
