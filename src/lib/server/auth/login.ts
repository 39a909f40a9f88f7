import { z } from 'zod';
import type { SqlClient } from '../db/sql';
import { getUserForLogin, normaliseEmail } from '../db/users';
import { verifyAgainstDummy, verifyPassword } from './password';
import type { LoginLimiter } from './rate-limit';
import { createSession } from './session';

export const loginSchema = z.object({
	email: z
		.string({ error: 'adresse e-mail requise' })
		.trim()
		.min(1, { error: 'adresse e-mail requise' })
		.max(254, { error: 'adresse e-mail trop longue' }),
	password: z
		.string({ error: 'mot de passe requis' })
		.min(1, { error: 'mot de passe requis' })
		.max(200, { error: 'mot de passe trop long' })
});

export type LoginOutcome =
	| { ok: true; token: string; expiresAt: Date; userId: string }
	| { ok: false; status: number; message: string; errors?: Record<string, string> };

/** One message for an unknown e-mail, a wrong password or a disabled account: nothing to enumerate. */
export const BAD_CREDENTIALS = 'E-mail ou mot de passe incorrect.';

export async function attemptLogin(
	sql: SqlClient,
	limiter: LoginLimiter,
	input: unknown,
	ip: string,
	now = new Date()
): Promise<LoginOutcome> {
	const parsed = loginSchema.safeParse(input);
	if (!parsed.success) {
		const errors: Record<string, string> = {};
		for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? '_form')] ??= issue.message;
		return { ok: false, status: 400, message: 'Indiquez votre e-mail et votre mot de passe.', errors };
	}
	const email = normaliseEmail(parsed.data.email);
	// Counted before the (slow, awaited) password check, so parallel attempts see each other.
	const attempt = await limiter.reserve(email, ip, now.getTime());
	if (!attempt.ok) {
		const minutes = Math.ceil(attempt.retryAfterMs / 60_000);
		return {
			ok: false,
			status: 429,
			message: `Trop de tentatives de connexion : réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}.`
		};
	}
	const user = await getUserForLogin(sql, email);
	const ok = user
		? await verifyPassword(user.passwordHash, parsed.data.password)
		: await verifyAgainstDummy(parsed.data.password);
	if (!user || !ok || user.disabled) return { ok: false, status: 400, message: BAD_CREDENTIALS };
	await attempt.succeed();
	const session = await createSession(sql, user.id, now);
	return { ok: true, token: session.token, expiresAt: session.expiresAt, userId: user.id };
}
