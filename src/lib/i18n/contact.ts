/**
 * The contact pages' words in the reader's language: the action (« Participer ou poser une question »…) and
 * where a message goes, before and after sending. lib/domain/contact.ts keeps its French (relayNotice,
 * contactWording: the workspace reads them); the unit test checks that the French messages here read
 * exactly like it. A record's or a recipient's name stays as written: sentences carry it as `NAME`, and
 * the page splits them there to mark the name `lang="fr"`.
 */
import type { RelayDecision } from '$lib/domain/contact';
import type { RecordKind } from '$lib/domain/records';
import { m } from '$lib/paraglide/messages';

/** Stands for a record's name in a sentence (a character no name holds). */
export const NAME = '\u0000';

/** A sentence cut where the name goes: text, name, text… (`parts.length - 1` names). */
export const nameParts = (sentence: string) => sentence.split(NAME);

/** What the page knows of the relay decision: never the address. */
export type RelayRoute =
	| { route: 'email'; via: Extract<RelayDecision, { route: 'email' }>['via'] }
	| { route: 'workspace'; reason: Extract<RelayDecision, { route: 'workspace' }>['reason'] };

/** The sentences above the form (`before`) and after sending (`after`), the name as `NAME`. */
export function relayWords(relay: RelayRoute): { before: string; after: string } {
	if (relay.route === 'email') {
		const who =
			relay.via === 'record'
				? m.contact_who_record({ name: NAME })
				: relay.via === 'carrier'
					? m.contact_who_carrier({ name: NAME })
					: m.contact_who_provider({ name: NAME });
		return { before: m.contact_before_email({ who }), after: m.contact_after_email({ who }) };
	}
	const team = m.contact_team();
	return {
		before:
			relay.reason === 'several-addresses'
				? m.contact_before_several({ team })
				: relay.reason === 'mail-off'
					? m.contact_before_mail_off({ team, name: NAME })
					: m.contact_before_no_address({ team, name: NAME }),
		after: m.contact_after_team()
	};
}

/** The action's words on the contact page (the same as contactWording's). */
export function contactWords(kind: RecordKind): { heading: string; title: string } {
	if (kind === 'initiative')
		return { heading: m.contact_heading_initiative(), title: m.contact_title_initiative() };
	if (kind === 'organisation')
		return { heading: m.contact_heading_organisation(), title: m.contact_title_other() };
	return { heading: m.contact_heading_funding(), title: m.contact_title_other() };
}
