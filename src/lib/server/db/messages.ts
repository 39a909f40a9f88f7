/**
 * Messages visitors write to a record's people (/contacter/<id>). A message relayed by e-mail is queued in
 * the outbox in the same transaction; one that waits for the team stays `queued` until an editor marks it
 * handled. Both are erased six months after being relayed or handled (forgetOldMessages).
 */
import { randomUUID } from 'node:crypto';
import type { RelayVia } from '$lib/domain/contact';
import type { RecordKind } from '$lib/domain/records';
import type { Db } from './connection';
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
export function createMessage(
	db: Db,
	input: NewMessage,
	route: MessageRoute,
	now = new Date()
): ContactMessage {
	const id = randomUUID();
	const email = route.route === 'email' ? route : undefined;
	db.transaction(() => {
		db.prepare(
			`INSERT INTO contact_messages (id, record_id, record_kind, record_name, sender_name, sender_email, body, route, reason,
			 recipient_id, recipient_name, recipient_email, via, status, client_hash, created_at, locale)
			 VALUES (@id, @recordId, @recordKind, @recordName, @senderName, @senderEmail, @body, @route, @reason,
			 @recipientId, @recipientName, @recipientEmail, @via, @status, @clientHash, @createdAt, @locale)`
		).run({
			id,
			recordId: input.record.id,
			recordKind: input.record.kind,
			recordName: input.record.name,
			senderName: input.sender.name,
			senderEmail: input.sender.email,
			body: input.body,
			route: route.route,
			reason: route.route === 'workspace' ? route.reason : null,
			recipientId: email?.recipientId ?? null,
			recipientName: email?.recipientName ?? null,
			recipientEmail: email?.to ?? null,
			via: email?.via ?? null,
			status: email ? 'sending' : 'queued',
			clientHash: input.clientHash,
			createdAt: now.toISOString(),
			locale: input.locale ?? 'fr'
		});
		if (email) queueMail(db, 'contact', id, now);
	})();
	return getMessage(db, id)!;
}

export function getMessage(db: Db, id: string): ContactMessage | undefined {
	const row = db.prepare('SELECT * FROM contact_messages WHERE id = ?').get(id) as Row | undefined;
	return row ? fromRow(row) : undefined;
}

/** Every message, the newest first. */
export function listMessages(db: Db): ContactMessage[] {
	return (db.prepare('SELECT * FROM contact_messages ORDER BY created_at DESC').all() as Row[]).map(fromRow);
}

/**
 * An editor forwarded or answered a message by hand: it is handled, and a mail still waiting for it is
 * cancelled. False when it was already sent or handled.
 */
export function markMessageHandled(db: Db, id: string, by: string, now = new Date()): boolean {
	return db.transaction(() => {
		const changed = db
			.prepare(
				`UPDATE contact_messages SET status = 'handled', handled_at = ?, handled_by = ? WHERE id = ? AND status IN ('queued', 'sending', 'failed')`
			)
			.run(now.toISOString(), by, id).changes;
		if (changed) cancelMail(db, 'contact', id);
		return changed === 1;
	})();
}

/**
 * Sends a waiting or failed message by e-mail (again), to the address decided now. False when it was
 * already sent, handled, or is being sent.
 */
export function relayMessage(
	db: Db,
	id: string,
	route: Extract<MessageRoute, { route: 'email' }>,
	now = new Date()
): boolean {
	return db.transaction(() => {
		const changed = db
			.prepare(
				`UPDATE contact_messages SET route = 'email', reason = NULL, recipient_id = ?, recipient_name = ?, recipient_email = ?,
				 via = ?, status = 'sending' WHERE id = ? AND status IN ('queued', 'failed')`
			)
			.run(route.recipientId, route.recipientName, route.to, route.via, id).changes;
		if (changed) queueMail(db, 'contact', id, now);
		return changed === 1;
	})();
}

/**
 * Privacy: messages relayed or handled before `before` are deleted, with their outbox rows; client hashes
 * older than `hashesBefore` (the rate limit's day) are cleared. Messages still waiting are kept: they are
 * not lost. Returns the number of messages deleted.
 */
export function forgetOldMessages(db: Db, before: Date, hashesBefore: Date): number {
	return db.transaction(() => {
		const at = before.toISOString();
		const old = `SELECT id FROM contact_messages WHERE (status = 'sent' AND relayed_at < @at) OR (status = 'handled' AND handled_at < @at)`;
		db.prepare(`DELETE FROM mail_outbox WHERE kind = 'contact' AND ref_id IN (${old})`).run({ at });
		const deleted = db.prepare(`DELETE FROM contact_messages WHERE id IN (${old})`).run({ at }).changes;
		db.prepare(
			'UPDATE contact_messages SET client_hash = NULL WHERE created_at < ? AND client_hash IS NOT NULL'
		).run(hashesBefore.toISOString());
		return deleted;
	})();
}
