/**
 * Writing to a record's people from its page: the form's contract, where a message goes (the relay
 * decision), what the visitor is told before and after sending, and the plain-text e-mails (the relayed
 * message and the proposal decision). Pure: the server stores, queues and sends (src/lib/server/contact.ts,
 * src/lib/server/mail/).
 *
 * A message goes by e-mail only to an address a published record already shows to everyone: the record's
 * own, or, when it has none, the published organisation that carries the initiative or the one provider of
 * the funding tool. Anything else waits in the workspace for the CRESS team, who knows whom to ask.
 */
import { z } from 'zod';
import { emailSchema, plainText } from './common';
import type { FieldErrors } from './errors';
import type { PublicRecord, RecordKind } from './records';

/** Messages are erased this long after they were relayed or handled (stated on /confidentialite). */
export const MESSAGE_RETENTION_MONTHS = 6;

export const CONTACT_LIMITS = {
	/** Far above a full form (100 + 254 + 5 000 characters, encoded): refused before parsing when above. */
	maxBodyBytes: 32 * 1024,
	nameMax: 100,
	messageMin: 10,
	messageMax: 5000
} as const;

const singleLine = (s: string) => !/[\r\n]/.test(s);

/** The form: the visitor's name and address (for the reply, never published) and the message. */
export const contactMessageSchema = z.object({
	name: plainText(CONTACT_LIMITS.nameMax, 2).refine(singleLine, { error: 'une seule ligne' }),
	email: z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), emailSchema),
	message: plainText(CONTACT_LIMITS.messageMax, CONTACT_LIMITS.messageMin)
});
export type ContactMessageInput = z.infer<typeof contactMessageSchema>;

/** French labels of the form's inputs, in the form's order (the error summary names fields by them). */
export const CONTACT_LABELS = {
	name: 'Votre nom',
	email: 'Votre adresse e-mail',
	message: 'Votre message'
} as const;

const MISSING: Record<string, string> = {
	name: 'indiquez votre nom',
	email: 'indiquez votre adresse e-mail, pour recevoir la réponse',
	message: 'écrivez votre message'
};

/** The form's errors by field; an empty field is asked for in words a visitor understands. */
export function contactErrors(error: z.ZodError, input: Record<string, unknown>): FieldErrors {
	const errors: FieldErrors = {};
	for (const issue of error.issues) {
		const name = String(issue.path[0] ?? '_form');
		if (errors[name]) continue;
		const value = input[name];
		const empty = value === undefined || (typeof value === 'string' && value.trim() === '');
		errors[name] = (empty && MISSING[name]) || issue.message;
	}
	return errors;
}

// ---------------------------------------------------------------------------------------------------------
// Where a message goes.

/** Whose published address receives the message: the record itself, or the organisation behind it. */
export type RelayVia = 'record' | 'carrier' | 'provider';

export type RelayDecision =
	| { route: 'email'; to: string; recipient: { id: string; name: string }; via: RelayVia }
	| { route: 'workspace'; reason: 'no-address' | 'several-addresses' | 'mail-off' };

/**
 * Where a message to this published record goes. `published(id)` returns a record only when it is
 * published (an unpublished organisation's address was never shown, so it is never used).
 */
export function relayDecision(
	record: PublicRecord,
	published: (id: string) => PublicRecord | undefined,
	mailConfigured: boolean
): RelayDecision {
	const found = relayAddress(record, published);
	if (found.route === 'workspace') return found;
	if (!mailConfigured) return { route: 'workspace', reason: 'mail-off' };
	return found;
}

function relayAddress(
	record: PublicRecord,
	published: (id: string) => PublicRecord | undefined
): RelayDecision {
	if (record.kind !== 'funding-tool' && record.contact.email)
		return {
			route: 'email',
			to: record.contact.email,
			recipient: { id: record.id, name: record.name },
			via: 'record'
		};
	if (record.kind === 'initiative') {
		const carrier = record.carrier.organisationId ? published(record.carrier.organisationId) : undefined;
		if (carrier?.kind === 'organisation' && carrier.contact.email)
			return {
				route: 'email',
				to: carrier.contact.email,
				recipient: { id: carrier.id, name: carrier.name },
				via: 'carrier'
			};
	}
	if (record.kind === 'funding-tool') {
		// One provider with an address: it runs the tool. Several: the team knows which one answers.
		const providers = record.providerIds
			.map(published)
			.filter((p) => p?.kind === 'organisation' && !!p.contact.email) as Extract<
			PublicRecord,
			{ kind: 'organisation' }
		>[];
		const addresses = new Set(providers.map((p) => p.contact.email!.toLowerCase()));
		if (addresses.size > 1) return { route: 'workspace', reason: 'several-addresses' };
		if (addresses.size === 1)
			return {
				route: 'email',
				to: providers[0].contact.email!,
				recipient: { id: providers[0].id, name: providers[0].name },
				via: 'provider'
			};
	}
	return { route: 'workspace', reason: 'no-address' };
}

/** Who tends the workspace, as visitors are told. */
export const TEAM = 'l’équipe de la CRESS Grand Est qui tient Carto ESS';

/** What the visitor reads above the form (`before`) and once the message is sent (`after`). */
export function relayNotice(
	decision: RelayDecision,
	record: { name: string; kind: RecordKind }
): { before: string; after: string } {
	if (decision.route === 'email') {
		const who =
			decision.via === 'record'
				? `« ${decision.recipient.name} »`
				: decision.via === 'carrier'
					? `« ${decision.recipient.name} », qui porte cette initiative`
					: `« ${decision.recipient.name} », qui propose ce financement`;
		return {
			before: `Votre message sera envoyé par e-mail à ${who}, à l’adresse publiée sur sa fiche. La réponse vous arrivera directement, à l’adresse que vous indiquez ci-dessous.`,
			after: `Votre message est parti par e-mail vers ${who}. La réponse vous arrivera directement, à l’adresse que vous avez indiquée. Si elle tarde, vérifiez vos courriers indésirables.`
		};
	}
	const why =
		decision.reason === 'several-addresses'
			? `Ce financement a plusieurs financeurs : ${TEAM} lira votre message et le transmettra au bon interlocuteur.`
			: decision.reason === 'mail-off'
				? `L’envoi automatique d’e-mails n’est pas activé sur ce site : ${TEAM} lira votre message et le transmettra à « ${record.name} ».`
				: `Nous ne connaissons pas d’adresse e-mail publique pour « ${record.name} » : ${TEAM} lira votre message et le transmettra, ou vous répondra.`;
	return {
		before: why,
		after: `Votre message est bien reçu. ${TEAM.charAt(0).toUpperCase()}${TEAM.slice(1)} va le lire et le transmettre ; la réponse vous arrivera à l’adresse que vous avez indiquée.`
	};
}

/** The action's words on a record's page and its contact page: a resident joins an initiative. */
export function contactWording(kind: RecordKind): { link: string; heading: string; title: string } {
	if (kind === 'initiative')
		return {
			link: 'Participer ou poser une question',
			heading: 'Participer ou poser une question',
			title: 'Participer'
		};
	if (kind === 'organisation')
		return { link: 'Contacter cette structure', heading: 'Contacter la structure', title: 'Contacter' };
	return {
		link: 'Contacter le financeur',
		heading: 'Poser une question sur ce financement',
		title: 'Contacter'
	};
}

// ---------------------------------------------------------------------------------------------------------
// The e-mails: plain text, in French, saying where they come from and what Carto ESS keeps.

export interface MailText {
	subject: string;
	text: string;
}

const KEEPS = 'Carto ESS ne garde pas de copie de ce message au-delà de six mois.';

const WHAT_IS = 'Carto ESS, la carte de l’économie sociale et solidaire de Strasbourg et de l’Eurométropole';

/** What a structure is told when its correspondent wrote from the German or English pages. */
const WRITER_NOTE = {
	de: 'a écrit depuis la version allemande du site : une réponse en allemand ou en anglais lui sera peut-être plus facile à lire.',
	en: 'a écrit depuis la version anglaise du site : une réponse en anglais lui sera peut-être plus facile à lire.'
} as const;

/** The message relayed to a record's published address. Replies go to the visitor (Reply-To). */
export function contactMail(m: {
	senderName: string;
	body: string;
	recordName: string;
	recordKind: RecordKind;
	recordUrl: string;
	via: RelayVia;
	recipientName: string;
	/** Where the recipient asks to change or remove the published address. */
	correctionUrl: string;
	/** The language of the page the visitor wrote from, when not French: the recipient is told, in French. */
	writerLocale?: 'de' | 'en';
}): MailText {
	const about =
		m.via === 'record'
			? `au sujet de « ${m.recordName} »`
			: m.via === 'carrier'
				? `au sujet de l’initiative « ${m.recordName} », que « ${m.recipientName} » porte`
				: `au sujet du financement « ${m.recordName} », proposé par « ${m.recipientName} »`;
	return {
		subject: `Carto ESS : un message au sujet de « ${m.recordName} »`,
		text: [
			'Bonjour,',
			'',
			`${m.senderName} vous écrit ${about}, depuis le formulaire de contact de ${WHAT_IS} :`,
			m.recordUrl,
			'',
			`Pour lui répondre, répondez simplement à ce courriel : la réponse ira à ${m.senderName}, pas à Carto ESS.`,
			...(m.writerLocale ? [`${m.senderName} ${WRITER_NOTE[m.writerLocale]}`] : []),
			'',
			'----- Message -----',
			m.body,
			'----- Fin du message -----',
			'',
			`Vous recevez ce message parce que cette adresse e-mail est publiée sur la fiche. ${KEEPS}`,
			`Pour la changer ou la retirer : ${m.correctionUrl}`
		].join('\n')
	};
}

/** The decision on a proposal, to the contributor who left an address. */
export function decisionMail(d: {
	reference: string;
	/** The proposed record's name, or the corrected record's. */
	title: string;
	/** A correction of an existing record rather than a new one. */
	correction: boolean;
	status: 'approved' | 'rejected';
	reason?: string | null;
	/** The record's page when it is published. */
	recordUrl?: string;
	followUpUrl: string;
}): MailText {
	const what = d.correction
		? `votre proposition de correction de la fiche « ${d.title} »`
		: `votre proposition « ${d.title} »`;
	const lines =
		d.status === 'approved'
			? [
					`Merci : ${what} (référence ${d.reference}) a été acceptée.`,
					...(d.recordUrl
						? ['', 'Elle est publiée sur Carto ESS :', d.recordUrl]
						: ['', 'La fiche n’est pas en ligne pour l’instant.'])
				]
			: [
					`${what.charAt(0).toUpperCase()}${what.slice(1)} (référence ${d.reference}) n’a pas été retenue.`,
					'',
					'La raison donnée par l’équipe :',
					d.reason ?? '(aucune raison indiquée)'
				];
	return {
		subject:
			d.status === 'approved'
				? `Carto ESS : votre proposition ${d.reference} est acceptée`
				: `Carto ESS : votre proposition ${d.reference} n’est pas retenue`,
		text: [
			'Bonjour,',
			'',
			...lines,
			'',
			`Le suivi de votre proposition : ${d.followUpUrl}`,
			'',
			`Vous recevez ce courriel parce que vous avez laissé votre adresse en faisant une proposition sur ${WHAT_IS}. Elle est effacée six mois après la décision. ${KEEPS}`,
			'',
			'Ce courriel est envoyé automatiquement : pour écrire à l’équipe, utilisez le site.'
		].join('\n')
	};
}
