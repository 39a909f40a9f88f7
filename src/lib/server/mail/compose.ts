/**
 * An outbox row -> the e-mail to send, composed from what the store holds at sending time: the record's
 * current page, the decision as it stands. When the source is gone (a message erased or handled by hand, an
 * address erased after six months), there is nothing to send and the row says why.
 */
import { contactMail } from '$lib/domain/contact';
import { decisionMailIn } from '$lib/i18n/mail';
import { localizePath } from '$lib/i18n/paths';
import { route } from '$lib/links';
import type { SqlClient } from '../db/sql';
import { getMessage } from '../db/messages';
import type { OutboxEntry } from '../db/outbox';
import { recordIdOfProposal } from '../db/proposal-records';
import { getProposal } from '../db/proposals';
import { getRecordById } from '../db/records';
import { proposalTitle } from '../follow-up';
import type { OutgoingMail } from './transport';

export type Composed = { ok: true; mail: OutgoingMail } | { ok: false; reason: string };

async function publishedUrl(sql: SqlClient, siteUrl: string, id: string): Promise<string | undefined> {
	const record = await getRecordById(sql, id);
	return record?.status === 'published' ? `${siteUrl}${route.record(record)}` : undefined;
}

export function composeMail(sql: SqlClient, entry: OutboxEntry, siteUrl: string): Promise<Composed> {
	return entry.kind === 'contact'
		? composeContact(sql, entry.refId, siteUrl)
		: composeDecision(sql, entry.refId, siteUrl);
}

async function composeContact(sql: SqlClient, id: string, siteUrl: string): Promise<Composed> {
	const m = await getMessage(sql, id);
	if (!m) return { ok: false, reason: 'message effacé' };
	if (m.status !== 'sending' || !m.recipientEmail || !m.via)
		return { ok: false, reason: 'message déjà traité' };
	const { subject, text } = contactMail({
		senderName: m.senderName,
		body: m.body,
		recordName: m.recordName,
		recordKind: m.recordKind,
		recordUrl:
			(await publishedUrl(sql, siteUrl, m.recordId)) ?? `${siteUrl}${route.contact({ id: m.recordId })}`,
		via: m.via,
		recipientName: m.recipientName ?? m.recordName,
		correctionUrl: `${siteUrl}/proposer/modification?fiche=${encodeURIComponent(m.recipientId ?? m.recordId)}`,
		// The structure reads French; it is told which language its correspondent wrote from.
		writerLocale: m.locale === 'fr' ? undefined : m.locale
	});
	return {
		ok: true,
		mail: { to: m.recipientEmail, replyTo: { name: m.senderName, address: m.senderEmail }, subject, text }
	};
}

async function composeDecision(sql: SqlClient, reference: string, siteUrl: string): Promise<Composed> {
	const p = await getProposal(sql, reference);
	if (!p) return { ok: false, reason: 'proposition effacée' };
	if (!p.submitterEmail) return { ok: false, reason: 'adresse e-mail effacée' };
	if (p.status === 'pending') return { ok: false, reason: 'proposition pas encore décidée' };
	const recordId = p.status === 'approved' ? await recordIdOfProposal(sql, p) : undefined;
	// In the language of the page the proposal was written from, its links too (/de/proposer/suivi/…).
	const recordUrl = recordId ? await publishedUrl(sql, siteUrl, recordId) : undefined;
	const { subject, text } = decisionMailIn(p.locale, {
		reference: p.id,
		title: await proposalTitle(sql, p),
		correction: p.type === 'change',
		status: p.status,
		reason: p.decisionReason,
		recordUrl: recordUrl && `${siteUrl}${localizePath(recordUrl.slice(siteUrl.length), p.locale)}`,
		followUpUrl: `${siteUrl}${localizePath(route.proposalFollowUp(p.id), p.locale)}`
	});
	return {
		ok: true,
		// RFC 3834: an automatic notice, so auto-responders do not answer it.
		mail: { to: p.submitterEmail, subject, text, headers: { 'Auto-Submitted': 'auto-generated' } }
	};
}
