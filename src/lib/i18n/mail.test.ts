import { describe, expect, it } from 'vitest';
import { decisionMail } from '$lib/domain/contact';
import { decisionMailIn, type Decision } from './mail';

const DECISIONS: Decision[] = [
	{
		reference: 'ESS-AAAA-BBBB',
		title: 'Jardin',
		correction: false,
		status: 'approved',
		recordUrl: 'https://x.example/de/initiatives/jardin',
		followUpUrl: 'https://x.example/de/proposer/suivi/ESS-AAAA-BBBB'
	},
	{
		reference: 'ESS-AAAA-BBBB',
		title: 'Jardin',
		correction: true,
		status: 'approved',
		followUpUrl: 'https://x.example/proposer/suivi/ESS-AAAA-BBBB'
	},
	{
		reference: 'ESS-AAAA-BBBB',
		title: 'Jardin',
		correction: false,
		status: 'rejected',
		reason: 'Hors du territoire.',
		followUpUrl: 'u'
	},
	{
		reference: 'ESS-AAAA-BBBB',
		title: 'Jardin',
		correction: true,
		status: 'rejected',
		reason: null,
		followUpUrl: 'u'
	}
];

describe('the decision mail in the writer’s language', () => {
	it('is lib/domain’s French mail, unchanged, for a French proposal', () => {
		for (const d of DECISIONS) expect(decisionMailIn('fr', d)).toEqual(decisionMail(d));
	});

	it('keeps every line’s links and the team’s words, in German and English', () => {
		for (const locale of ['de', 'en'] as const)
			for (const d of DECISIONS) {
				const mail = decisionMailIn(locale, d);
				const french = decisionMail(d);
				expect(mail.subject).not.toBe(french.subject);
				expect(mail.text).toContain(d.followUpUrl);
				if (d.recordUrl) expect(mail.text).toContain(d.recordUrl);
				if (d.reason) expect(mail.text).toContain(d.reason);
				expect(mail.text.split('\n').length).toBe(french.text.split('\n').length);
			}
	});
});
