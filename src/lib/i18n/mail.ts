/**
 * The e-mails a person receives after writing from a page in German or English, in that language: the
 * decision on their proposal. They are composed by the outbox after the request, so the language is passed
 * in (the one stored with the proposal), never read from a request. French is lib/domain's decisionMail,
 * unchanged; what a French structure receives (a relayed message) stays French too.
 */
import { decisionMail, type MailText } from '$lib/domain/contact';
import { m } from '$lib/paraglide/messages';
import type { Locale } from './paths';

export type Decision = Parameters<typeof decisionMail>[0];

/** The decision on a proposal, in the language it was written in. */
export function decisionMailIn(locale: Locale, d: Decision): MailText {
	if (locale === 'fr') return decisionMail(d);
	const o = { locale };
	const at = { title: d.title, reference: d.reference };
	const lines =
		d.status === 'approved'
			? [
					d.correction ? m.mail_decision_approved_correction(at, o) : m.mail_decision_approved(at, o),
					'',
					...(d.recordUrl
						? [m.mail_decision_published(undefined, o), d.recordUrl]
						: [m.mail_decision_offline(undefined, o)])
				]
			: [
					d.correction ? m.mail_decision_rejected_correction(at, o) : m.mail_decision_rejected(at, o),
					'',
					m.mail_decision_reason(undefined, o),
					d.reason ?? m.mail_decision_no_reason(undefined, o)
				];
	return {
		subject:
			d.status === 'approved'
				? m.mail_decision_subject_approved({ reference: d.reference }, o)
				: m.mail_decision_subject_rejected({ reference: d.reference }, o),
		text: [
			m.mail_hello(undefined, o),
			'',
			...lines,
			'',
			m.mail_decision_follow_up({ url: d.followUpUrl }, o),
			'',
			m.mail_decision_why(undefined, o),
			'',
			m.mail_decision_automatic(undefined, o)
		].join('\n')
	};
}
