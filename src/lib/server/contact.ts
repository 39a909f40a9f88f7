/**
 * /contacter/<record id>: a visitor writes to a published record's people. The message goes by e-mail to
 * an address the record already publishes (the relay decision, src/lib/domain/contact.ts), through the
 * outbox (sent after the request, retried), or waits in the workspace for the team. The address is never
 * shown by these pages: only whose it is.
 *
 * Anti-abuse is the proposals' own (src/lib/server/public-form.ts): a body cap, the honeypot (filled: a
 * normal-looking confirmation, nothing stored) and a per-client rate limit on a salted hash of the IP.
 */
import {
	CONTACT_LIMITS,
	contactErrors,
	contactMessageSchema,
	contactWording,
	MESSAGE_RETENTION_MONTHS,
	relayDecision,
	relayNotice,
	type RelayDecision
} from '$lib/domain/contact';
import type { FieldErrors } from '$lib/domain/errors';
import { idSchema } from '$lib/domain/common';
import type { PublicRecord } from '$lib/domain/records';
import { route } from '$lib/links';
import type { Catalogue } from '$lib/domain/catalogue';
import { getCatalogue } from './catalogue';
import type { SqlClient } from './db/sql';
import { createMessage, forgetOldMessages, type MessageRoute } from './db/messages';
import { forgetOldDecisionMails } from './db/outbox';
import type { WriterLocale } from './db/proposals';
import {
	DAY_MS,
	guardPublicForm,
	monthsBefore,
	withSlot,
	type FormValues,
	type PublicFormClient,
	type PublicFormRules
} from './public-form';
import { mailConfigured } from './env';
import { getEnv, getSql } from './store';

export const CONTACT_RULES: PublicFormRules = {
	maxBodyBytes: CONTACT_LIMITS.maxBodyBytes,
	tooBig: `Votre envoi dépasse ${CONTACT_LIMITS.maxBodyBytes / 1024} Ko : raccourcissez le message (${CONTACT_LIMITS.messageMax.toLocaleString('fr-FR')} caractères au plus).`,
	perHour: 10,
	perDay: 30,
	form: 'contact',
	limited: {
		hour: 'Vous avez envoyé beaucoup de messages en peu de temps. Réessayez dans une heure : votre texte est conservé ci-dessous.',
		day: 'Vous avez atteint le nombre de messages possible en une journée. Réessayez demain : votre texte est conservé ci-dessous.'
	}
};

export interface ContactDeps extends PublicFormClient {
	/** The published records, from the read model (the relay decision reads their contacts). */
	catalogue: Catalogue;
	/** SMTP_URL and MAIL_FROM are set: messages to a published address go by e-mail. */
	mailConfigured: boolean;
	/** The language of the page the message is written from (the relayed mail says it, in French). */
	locale?: WriterLocale;
}

/** The published record a contact page is for (undefined: unknown, unpublished, or a malformed id). */
function publishedRecord(catalogue: Catalogue, id: string): PublicRecord | undefined {
	if (!idSchema.safeParse(id).success) return undefined;
	return catalogue.byId.get(id)?.record;
}

function decide(catalogue: Catalogue, record: PublicRecord, mailConfigured: boolean): RelayDecision {
	return relayDecision(record, (id) => catalogue.byId.get(id)?.record, mailConfigured);
}

/** What the contact page shows: the record, the words of the action, where the message will go. */
export function contactPage(catalogue: Catalogue, id: string, mailConfigured: boolean) {
	const record = publishedRecord(catalogue, id);
	if (!record) return undefined;
	const decision = decide(catalogue, record, mailConfigured);
	const notice = relayNotice(decision, record);
	return {
		record: { id: record.id, kind: record.kind, name: record.name, href: route.record(record) },
		wording: contactWording(record.kind),
		route: decision.route,
		// The decision's codes, for the pages to say it in the reader's language (src/lib/i18n/contact.ts).
		relay:
			decision.route === 'email'
				? { route: 'email' as const, via: decision.via }
				: { route: 'workspace' as const, reason: decision.reason },
		// Whose address, never the address: the form does not show it.
		recipient: decision.route === 'email' ? decision.recipient.name : null,
		before: notice.before,
		after: notice.after,
		limits: { nameMax: CONTACT_LIMITS.nameMax, messageMax: CONTACT_LIMITS.messageMax }
	};
}

export type ContactOutcome =
	{ ok: true } | { ok: false; status: number; errors: FieldErrors; values: FormValues };

const toRoute = (d: RelayDecision): MessageRoute =>
	d.route === 'email'
		? { route: 'email', to: d.to, recipientId: d.recipient.id, recipientName: d.recipient.name, via: d.via }
		: { route: 'workspace', reason: d.reason };

/** A message posted to a record: stored, and queued for e-mail when the record publishes an address. */
export async function submitContact(
	id: string,
	request: Request,
	deps: ContactDeps
): Promise<ContactOutcome> {
	const record = publishedRecord(deps.catalogue, id);
	if (!record)
		return {
			ok: false,
			status: 404,
			errors: { _form: 'Cette fiche n’existe pas ou n’est plus publiée.' },
			values: {}
		};
	const guarded = await guardPublicForm(request, deps, CONTACT_RULES);
	if (guarded.ok === 'honeypot') return { ok: true };
	if (!guarded.ok) return { ok: false, ...guarded.failure };
	return withSlot(deps.sql, guarded.slotId, () => storeMessage(record, guarded, deps));
}

async function storeMessage(
	record: PublicRecord,
	guarded: { raw: FormValues; hash: string },
	deps: ContactDeps
): Promise<ContactOutcome> {
	const parsed = contactMessageSchema.safeParse(guarded.raw);
	if (!parsed.success)
		return { ok: false, status: 400, errors: contactErrors(parsed.error, guarded.raw), values: guarded.raw };

	const now = deps.now ?? new Date();
	await forgetOldContactData(deps.sql, now);
	await createMessage(
		deps.sql,
		{
			record: { id: record.id, kind: record.kind, name: record.name },
			sender: { name: parsed.data.name, email: parsed.data.email },
			body: parsed.data.message,
			clientHash: guarded.hash,
			locale: deps.locale
		},
		toRoute(decide(deps.catalogue, record, deps.mailConfigured)),
		now
	);
	return { ok: true };
}

/**
 * Privacy (stated on /confidentialite): messages relayed or handled six months ago are erased with their
 * outbox rows, client hashes after a day, and the trace of decision mails sent six months ago.
 */
export async function forgetOldContactData(sql: SqlClient, now = new Date()): Promise<number> {
	const before = monthsBefore(now, MESSAGE_RETENTION_MONTHS);
	await forgetOldDecisionMails(sql, before);
	return forgetOldMessages(sql, before, new Date(now.getTime() - DAY_MS));
}

/** The relay decision for a stored message's record, now (the workspace's « Envoyer par e-mail »). */
export function currentRoute(
	catalogue: Catalogue,
	recordId: string,
	mailConfigured: boolean
): MessageRoute | undefined {
	const record = publishedRecord(catalogue, recordId);
	return record ? toRoute(decide(catalogue, record, mailConfigured)) : undefined;
}

/** The production wiring: the shared store and the configured mail. */
export async function contactDeps(clientAddress: string, locale?: WriterLocale): Promise<ContactDeps> {
	return {
		sql: getSql(),
		catalogue: await getCatalogue(getSql()),
		clientAddress,
		mailConfigured: mailConfigured(getEnv()),
		locale
	};
}
