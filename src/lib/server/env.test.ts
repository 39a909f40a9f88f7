import { describe, expect, it } from 'vitest';
import { mailConfigured, parseEnv } from './env';

describe('mail configuration', () => {
	it('is optional: without SMTP_URL and MAIL_FROM nothing is sent', () => {
		const env = parseEnv({});
		expect(env.SMTP_URL).toBeUndefined();
		expect(mailConfigured(env)).toBe(false);
		expect(mailConfigured(parseEnv({ SMTP_URL: '', MAIL_FROM: ' ' }))).toBe(false);
	});

	it('accepts smtp:// and smtps:// URLs with a plain or named sender', () => {
		for (const [url, from] of [
			['smtp://utilisateur:secret@smtp.example.org:587', 'carto-ess@example.org'],
			['smtps://smtp.example.org', 'Carto ESS <carto-ess@example.org>'],
			['smtp://127.0.0.1:2525', '"Carto ESS (CRESS)" <ne-pas-repondre@cress.example>']
		]) {
			const env = parseEnv({ SMTP_URL: url, MAIL_FROM: from });
			expect(mailConfigured(env)).toBe(true);
			expect(env.SMTP_URL).toBe(url);
		}
	});

	it('refuses a bad value with a French message naming the variable, and never echoes a password', () => {
		const bad = (vars: Record<string, string>) => {
			try {
				parseEnv(vars);
			} catch (e) {
				return String((e as Error).message);
			}
			throw new Error('accepted');
		};
		const url = bad({
			SMTP_URL: 'https://utilisateur:motdepassesecret@smtp.example.org',
			MAIL_FROM: 'a@b.fr'
		});
		expect(url).toContain('SMTP_URL: SMTP_URL doit être une URL smtp:// ou smtps://');
		expect(url).not.toContain('motdepassesecret');
		expect(bad({ SMTP_URL: 'smtp://smtp.example.org', MAIL_FROM: 'pas une adresse' })).toContain(
			'MAIL_FROM: MAIL_FROM doit être une adresse e-mail'
		);
		expect(bad({ SMTP_URL: 'smtp://smtp.example.org' })).toContain(
			'MAIL_FROM: SMTP_URL et MAIL_FROM vont ensemble'
		);
		expect(bad({ MAIL_FROM: 'a@b.fr' })).toContain('SMTP_URL: SMTP_URL et MAIL_FROM vont ensemble');
	});
});

describe('the store', () => {
	it('is the SQLite file unless DATABASE_URL names PostgreSQL', () => {
		expect(parseEnv({}).DATABASE_URL).toBeUndefined();
		expect(parseEnv({ DATABASE_URL: ' ' }).DATABASE_URL).toBeUndefined();
		const url = 'postgres://carto:secret@127.0.0.1:5432/carto';
		expect(parseEnv({ DATABASE_URL: url }).DATABASE_URL).toBe(url);
	});

	it('refuses another address in French, without echoing its password', () => {
		let message = '';
		try {
			parseEnv({ DATABASE_URL: 'mysql://carto:motdepassesecret@127.0.0.1/carto' });
		} catch (e) {
			message = String((e as Error).message);
		}
		expect(message).toContain('DATABASE_URL doit être une adresse PostgreSQL');
		expect(message).not.toContain('motdepassesecret');
	});
});
