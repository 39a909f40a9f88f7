/**
 * Password hashing with argon2id (the `argon2` package, bindings to the reference implementation).
 * Parameters: OWASP's minimum recommendation for argon2id (19 MiB, 2 passes, 1 lane), about 50 ms here.
 * https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html#argon2id
 */
import argon2 from 'argon2';
import { z } from 'zod';

const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Long rather than complex (NIST SP 800-63B): at least 12 characters, any characters. */
export const passwordSchema = z
	.string({ error: 'mot de passe requis' })
	.min(12, { error: 'mot de passe trop court : 12 caractères au moins' })
	.max(200, { error: 'mot de passe trop long : 200 caractères au plus' });

export function hashPassword(password: string): Promise<string> {
	return argon2.hash(password, OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
	try {
		return await argon2.verify(hash, password);
	} catch {
		// A malformed stored hash is a failed login, not a server error.
		return false;
	}
}

let dummy: Promise<string> | undefined;
/**
 * Spends the same time as a real check when the account does not exist, so response times do not tell
 * which e-mails have an account.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
	dummy ??= hashPassword('carto-ess-dummy-password-for-timing');
	await verifyPassword(await dummy, password);
	return false;
}
