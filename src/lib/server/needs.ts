/**
 * Buyers' needs: published without an account, moderated in the workspace, open until their deadline and
 * then archived; suppliers answer through a form, and the buyer follows the answers through a private link.
 * The public forms' guards are public-form.ts's; the store is db/needs.ts.
 */
import { interestFormSchema, needFormSchema } from '$lib/domain/buyers/need';
import { FORM_ERROR, zodErrors, type FieldErrors } from '$lib/domain/errors';
import { addInterest, createNeed, forgetOldNeedData } from './db/needs';
import type { SqlClient } from './db/sql';
import {
	DAY_MS,
	guardPublicForm,
	monthsBefore,
	withSlot,
	type FormValues,
	type PublicFormClient,
	type PublicFormRules
} from './public-form';

export * from './db/needs';

/** Buyers' and answering structures' contacts are erased this long after a need ends (stated on /confidentialite). */
export const NEED_CONTACT_RETENTION_MONTHS = 6;

/** The hourly privacy sweep's share for needs: contacts of needs ended six months ago, day-old client hashes. */
export function forgetOldNeeds(sql: SqlClient, now = new Date()) {
	return forgetOldNeedData(sql, {
		contacts: monthsBefore(now, NEED_CONTACT_RETENTION_MONTHS),
		clientHashes: new Date(now.getTime() - DAY_MS)
	});
}

// Public forms -------------------------------------------------------------------------------------------

/** Each form counts its own posts (buckets `need` and `need-interest` of the slots table). */
export const NEED_RULES: PublicFormRules = {
	maxBodyBytes: 16_000,
	tooBig: 'Votre envoi dépasse 16 Ko : raccourcissez la description (3 000 caractères au plus).',
	perHour: 5,
	perDay: 20,
	form: 'need',
	limited: {
		hour: 'Vous avez publié beaucoup de besoins en peu de temps. Réessayez dans une heure : votre texte est conservé ci-dessous.',
		day: 'Vous avez atteint le nombre de publications possible en une journée. Réessayez demain : votre texte est conservé ci-dessous.'
	}
};

export const INTEREST_RULES: PublicFormRules = {
	maxBodyBytes: 8_000,
	tooBig: 'Votre envoi dépasse 8 Ko : raccourcissez le message (2 000 caractères au plus).',
	perHour: 10,
	perDay: 30,
	form: 'need-interest',
	limited: {
		hour: 'Vous avez envoyé beaucoup de réponses en peu de temps. Réessayez dans une heure : votre texte est conservé ci-dessous.',
		day: 'Vous avez atteint le nombre de réponses possible en une journée. Réessayez demain : votre texte est conservé ci-dessous.'
	}
};

export type SubmitOutcome<T> =
	| ({ ok: true } & T)
	| { ok: 'honeypot' }
	| { ok: false; status: number; errors: FieldErrors; values: FormValues };

export async function submitNeed(
	request: Request,
	client: PublicFormClient,
	places: ReadonlySet<string>,
	today: string
): Promise<SubmitOutcome<{ token: string; id: string }>> {
	const guarded = await guardPublicForm(request, client, NEED_RULES);
	if (guarded.ok === 'honeypot') return guarded;
	if (!guarded.ok) return { ok: false, ...guarded.failure };
	return withSlot(client.sql, guarded.slotId, async () => {
		const parsed = needFormSchema(today, places).safeParse(guarded.raw);
		if (!parsed.success)
			return { ok: false as const, status: 400, errors: zodErrors(parsed.error), values: guarded.raw };
		// The client hash only served the rate limit (its slot, erased after a day): it is not kept with the need.
		const { id, token } = await createNeed(client.sql, parsed.data, { now: client.now });
		return { ok: true as const, id, token };
	});
}

export async function submitInterest(
	request: Request,
	client: PublicFormClient,
	needId: string,
	today: string
): Promise<SubmitOutcome<{ id: string }>> {
	const guarded = await guardPublicForm(request, client, INTEREST_RULES);
	if (guarded.ok === 'honeypot') return guarded;
	if (!guarded.ok) return { ok: false, ...guarded.failure };
	return withSlot(client.sql, guarded.slotId, async () => {
		const parsed = interestFormSchema.safeParse(guarded.raw);
		if (!parsed.success)
			return { ok: false as const, status: 400, errors: zodErrors(parsed.error), values: guarded.raw };
		const added = await addInterest(client.sql, needId, parsed.data, today, client.now);
		if (!added.ok)
			return {
				ok: false as const,
				status: added.status,
				errors: { [FORM_ERROR]: added.message },
				values: guarded.raw
			};
		return { ok: true as const, id: added.id };
	});
}
