/**
 * Messages visitors write to a record's people (/contacter/<id>). A message relayed by e-mail is queued in
 * the outbox in the same transaction; one that waits for the team stays `queued` until an editor marks it
 * handled. Both are erased six months after being relayed or handled (forgetOldMessages).
 */
import { randomUUID } from 'node:crypto';
import type { RelayVia } from '$lib/domain/contact';
import type { RecordKind } from '$lib/domain/records';
import type { SqlClient } from './sql';
import { cancelMail, queueMail } from './outbox';
import type { WriterLocale } from './proposals';

export type MessageStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'handled';
export type WorkspaceReason = 'no-address' | 'several-addresses' | 'mail-off';

export interface ContactMessage {
	id: string;
	recordId: string;
	recordKind: RecordKind;
	recordName: string;
	senderName: string;
	senderEmail: string;
	body: string;
	route: 'email' | 'workspace';
	reason: WorkspaceReason | null;
	recipientId: string | null;
	recipientName: string | null;
	recipientEmail: string | null;
	via: RelayVia | null;
	status: MessageStatus;
	createdAt: string;
	relayedAt: string | null;
	handledAt: string | null;
	handledBy: string | null;
	/** The language of the page it was written from. */
	locale: WriterLocale;
}

interface Row {
	id: string;
	record_id: string;
	record_kind: RecordKind;
	record_name: string;
	sender_name: string;
	sender_email: string;
	body: string;
	route: 'email' | 'workspace';
	reason: WorkspaceReason | null;
	recipient_id: string | null;
	recipient_name: string | null;
	recipient_email: string | null;
	via: RelayVia | null;
	status: MessageStatus;
	created_at: string;
	relayed_at: string | null;
	handled_at: string | null;
	handled_by: string | null;
	locale: WriterLocale | null;
}

const fromRow = (r: Row): ContactMessage => ({
	id: r.id,
	recordId: r.record_id,
	recordKind: r.record_kind,
	recordName: r.record_name,
	senderName: r.sender_name,
	senderEmail: r.sender_email,
	body: r.body,
	route: r.route,
	reason: r.reason,
	recipientId: r.recipient_id,
	recipientName: r.recipient_name,
	recipientEmail: r.recipient_email,
	via: r.via,
	status: r.status,
	createdAt: r.created_at,
	relayedAt: r.relayed_at,
	handledAt: r.handled_at,
	handledBy: r.handled_by,
	locale: r.locale ?? 'fr'
});

/** Where a message goes: by e-mail to a published address, or to the workspace with the reason. */
export type MessageRoute =
	| { route: 'email'; to: string; recipientId: string; recipientName: string; via: RelayVia }
	| { route: 'workspace'; reason: WorkspaceReason };

export interface NewMessage {
	record: { id: string; kind: RecordKind; name: string };
	sender: { name: string; email: string };
	body: string;
	clientHash: string | null;
	locale?: WriterLocale;
}

/** Stores a message and, when it goes by e-mail, queues it in the outbox, in one transaction. */
export async function createMessage(
	sql: SqlClient,
	input: NewMessage,
	route: MessageRoute,
	now = new Date()
): Promise<ContactMessage> {
	const id = randomUUID();
	const email = route.route === 'email' ? route : undefined;
	await sql.transaction(async (tx) => {
		await tx.run(
			`INSERT INTO contact_messages (id, record_id, record_kind, record_name, sender_name, sender_email, body, route, reason,
			 recipient_id, recipient_name, recipient_email, via, status, client_hash, created_at, locale)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			[
				id,
				input.record.id,
				input.record.kind,
				input.record.name,
				input.sender.name,
				input.sender.email,
				input.body,
				route.route,
				route.route === 'workspace' ? route.reason : null,
				email?.recipientId ?? null,
				email?.recipientName ?? null,
				email?.to ?? null,
				email?.via ?? null,
				email ? 'sending' : 'queued',
				input.clientHash,
				now.toISOString(),
				input.locale ?? 'fr'
			]
		);
		if (email) await queueMail(tx, 'contact', id, now);
	});
	return (await getMessage(sql, id))!;
}

export async function getMessage(sql: SqlClient, id: string): Promise<ContactMessage | undefined> {
	const row = await sql.get<Row>('SELECT * FROM contact_messages WHERE id = ?', [id]);
	return row ? fromRow(row) : undefined;
}

/** Every message, the newest first (the id breaks ties, the same on both engines). */
export async function listMessages(sql: SqlClient): Promise<ContactMessage[]> {
	return (await sql.all<Row>('SELECT * FROM contact_messages ORDER BY created_at DESC, id')).map(fromRow);
}

/**
 * An editor forwarded or answered a message by hand: it is handled, and a mail still waiting for it is
 * cancelled. False when it was already sent or handled.
 */
export function markMessageHandled(
	sql: SqlClient,
	id: string,
	by: string,
	now = new Date()
): Promise<boolean> {
	return sql.transaction(async (tx) => {
		const { changes } = await tx.run(
			`UPDATE contact_messages SET status = 'handled', handled_at = ?, handled_by = ? WHERE id = ? AND status IN ('queued', 'sending', 'failed')`,
			[now.toISOString(), by, id]
		);
		if (changes) await cancelMail(tx, 'contact', id);
		return changes === 1;
	});
}

/**
 * Sends a waiting or failed message by e-mail (again), to the address decided now. False when it was
 * already sent, handled, or is being sent.
 */
export function relayMessage(
	sql: SqlClient,
	id: string,
	route: Extract<MessageRoute, { route: 'email' }>,
	now = new Date()
): Promise<boolean> {
	return sql.transaction(async (tx) => {
		const { changes } = await tx.run(
			`UPDATE contact_messages SET route = 'email', reason = NULL, recipient_id = ?, recipient_name = ?, recipient_email = ?,
			 via = ?, status = 'sending' WHERE id = ? AND status IN ('queued', 'failed')`,
			[route.recipientId, route.recipientName, route.to, route.via, id]
		);
		if (changes) await queueMail(tx, 'contact', id, now);
		return changes === 1;
	});
}

/**
 * Privacy: messages relayed or handled before `before` are deleted, with their outbox rows; client hashes
 * older than `hashesBefore` (the rate limit's day) are cleared. Messages still waiting are kept: they are
 * not lost. Returns the number of messages deleted.
 */
export function forgetOldMessages(sql: SqlClient, before: Date, hashesBefore: Date): Promise<number> {
	return sql.transaction(async (tx) => {
		const at = before.toISOString();
		const old = `SELECT id FROM contact_messages WHERE (status = 'sent' AND relayed_at < ?) OR (status = 'handled' AND handled_at < ?)`;
		await tx.run(`DELETE FROM mail_outbox WHERE kind = 'contact' AND ref_id IN (${old})`, [at, at]);
		const { changes } = await tx.run(`DELETE FROM contact_messages WHERE id IN (${old})`, [at, at]);
		await tx.run(
			'UPDATE contact_messages SET client_hash = NULL WHERE created_at < ? AND client_hash IS NOT NULL',
			[hashesBefore.toISOString()]
		);
		return changes;
	});
}
