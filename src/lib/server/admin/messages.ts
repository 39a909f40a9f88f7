/**
 * /admin/messages: the contact messages (waiting for the team, being sent, sent, failed, handled) and the
 * decision e-mails to contributors. Editors forward a waiting message by hand with the record's known
 * contacts and mark it handled, or send it by e-mail once an address and SMTP are there; a failed mail is
 * resent. Bodies and senders are shown only while a message still needs someone: once relayed or handled
 * they wait for erasure, unseen.
 */
import type { Catalogue } from '$lib/domain/catalogue';
import type { PublicRecord } from '$lib/domain/records';
import { route } from '$lib/links';
import { currentRoute } from '../contact';
import type { SqlClient } from '../db/sql';
import {
	getMessage,
	listMessages,
	markMessageHandled,
	relayMessage,
	type ContactMessage
} from '../db/messages';
import { getMail, listMails, queueMail, type OutboxEntry } from '../db/outbox';
import { getRecordById } from '../db/records';
import { userNames } from '../db/users';
import { proposalTitle } from '../follow-up';
import { getProposal } from '../db/proposals';
import type { Actor } from './records';

export const MESSAGE_STATUS_LABELS: Record<ContactMessage['status'], string> = {
	queued: 'À transmettre par l’équipe',
	sending: 'Envoi par e-mail en cours',
	sent: 'Envoyé par e-mail',
	failed: 'Échec de l’envoi',
	handled: 'Transmis ou traité par l’équipe'
};

const REASONS: Record<NonNullable<ContactMessage['reason']>, string> = {
	'no-address': 'la fiche ne publie pas d’adresse e-mail',
	'several-addresses': 'plusieurs financeurs publient une adresse',
	'mail-off': 'l’envoi d’e-mails n’était pas configuré'
};

/** Contacts a record and the organisations behind it publish, for forwarding by hand. */
async function knownContacts(sql: SqlClient, recordId: string) {
	const record = await getRecordById(sql, recordId);
	if (!record) return [];
	const ids = [
		record.id,
		...(record.kind === 'initiative' && record.carrier.organisationId ? [record.carrier.organisationId] : []),
		...(record.kind === 'funding-tool' ? record.providerIds : [])
	];
	const records = [];
	for (const id of ids) records.push(id === record.id ? record : await getRecordById(sql, id));
	return records
		.filter((r): r is NonNullable<typeof r> => !!r)
		.map((r: PublicRecord) => {
			const contact = r.kind === 'funding-tool' ? { website: r.website } : r.contact;
			return {
				id: r.id,
				name: r.name,
				published: r.status === 'published',
				email: 'email' in contact ? contact.email : undefined,
				phone: 'phone' in contact ? contact.phone : undefined,
				website: contact.website
			};
		})
		.filter((c) => c.email || c.phone || c.website);
}

function mailView(mail: OutboxEntry | undefined) {
	return mail
		? {
				status: mail.status,
				attempts: mail.attempts,
				lastError: mail.lastError,
				nextAttemptAt: mail.status === 'pending' ? mail.nextAttemptAt : null,
				sentAt: mail.sentAt
			}
		: null;
}

/**
 * The page's messages and decision mails. `catalogue` is the read model's (the relay decision reads the
 * published records' contacts from it).
 */
export async function messagesPage(sql: SqlClient, catalogue: Catalogue, mailOn: boolean) {
	const names = await userNames(sql);
	const mails = new Map((await listMails(sql, 'contact')).map((m) => [m.refId, m]));
	const view = async (m: ContactMessage) => {
		const open = m.status === 'queued' || m.status === 'failed' || m.status === 'sending';
		const record = await getRecordById(sql, m.recordId);
		const relay = open && m.status !== 'sending' ? currentRoute(catalogue, m.recordId, mailOn) : undefined;
		return {
			id: m.id,
			createdAt: m.createdAt,
			status: m.status,
			statusLabel: MESSAGE_STATUS_LABELS[m.status],
			record: {
				id: m.recordId,
				name: record?.name ?? m.recordName,
				publicHref: record?.status === 'published' ? route.record(record) : null,
				adminHref: record ? route.adminRecord(record.id) : null
			},
			why: m.route === 'workspace' && m.reason ? REASONS[m.reason] : null,
			recipientName: m.recipientName,
			handledBy: m.handledBy ? (names.get(m.handledBy) ?? m.handledBy) : null,
			handledAt: m.handledAt,
			relayedAt: m.relayedAt,
			mail: mailView(mails.get(m.id)),
			// What an editor needs to forward it, only while it needs someone.
			open: open
				? {
						sender: { name: m.senderName, email: m.senderEmail },
						body: m.body,
						contacts: await knownContacts(sql, m.recordId),
						sendTo: relay?.route === 'email' ? relay.recipientName : null
					}
				: null
		};
	};
	const all = [];
	for (const m of await listMessages(sql)) all.push(await view(m));
	const decisions = [];
	for (const mail of await listMails(sql, 'decision')) {
		const p = await getProposal(sql, mail.refId);
		decisions.push({
			reference: mail.refId,
			title: p ? await proposalTitle(sql, p) : mail.refId,
			decision: p?.status ?? null,
			createdAt: mail.createdAt,
			...mailView(mail)!
		});
	}
	return {
		mailConfigured: mailOn,
		waiting: all.filter((m) => m.open),
		done: all.filter((m) => !m.open).slice(0, 100),
		decisions: decisions.slice(0, 100)
	};
}

export type MessageActionResult = { ok: true } | { ok: false; status: number; message: string };

export async function markHandled(sql: SqlClient, id: string, actor: Actor): Promise<MessageActionResult> {
	if (!(await getMessage(sql, id))) return { ok: false, status: 404, message: 'Message introuvable.' };
	return (await markMessageHandled(sql, id, actor.id))
		? { ok: true }
		: { ok: false, status: 409, message: 'Ce message a déjà été envoyé ou traité.' };
}

/** Sends a waiting or failed message by e-mail, to the address its record publishes now. */
export async function sendByEmail(
	sql: SqlClient,
	catalogue: Catalogue,
	id: string,
	mailOn: boolean
): Promise<MessageActionResult> {
	const message = await getMessage(sql, id);
	if (!message) return { ok: false, status: 404, message: 'Message introuvable.' };
	if (!mailOn)
		return {
			ok: false,
			status: 409,
			message:
				'L’envoi d’e-mails n’est pas configuré (SMTP_URL et MAIL_FROM) : transmettez ce message à la main.'
		};
	const route = currentRoute(catalogue, message.recordId, mailOn);
	if (!route)
		return {
			ok: false,
			status: 409,
			message: 'La fiche n’est plus publiée : transmettez ce message à la main.'
		};
	if (route.route !== 'email')
		return {
			ok: false,
			status: 409,
			message: `Pas d’envoi automatique possible (${REASONS[route.reason]}) : transmettez ce message à la main.`
		};
	return (await relayMessage(sql, id, route))
		? { ok: true }
		: { ok: false, status: 409, message: 'Ce message est déjà envoyé, en cours d’envoi ou traité.' };
}

/** Sends a failed decision e-mail again. */
export async function resendDecision(sql: SqlClient, reference: string): Promise<MessageActionResult> {
	const mail = await getMail(sql, 'decision', reference);
	if (!mail) return { ok: false, status: 404, message: 'E-mail introuvable.' };
	if (mail.status !== 'failed') return { ok: false, status: 409, message: 'Cet e-mail n’est pas en échec.' };
	const p = await getProposal(sql, reference);
	if (!p?.submitterEmail)
		return {
			ok: false,
			status: 409,
			message: 'L’adresse de la personne a été effacée : plus d’envoi possible.'
		};
	await queueMail(sql, 'decision', reference);
	return { ok: true };
}
