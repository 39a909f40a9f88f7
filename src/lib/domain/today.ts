/**
 * Today in the Europe/Paris calendar, apart from the record schemas (common.ts) so the explorer's first load,
 * which reads today's date, does not carry zod.
 */
// Built once: a formatter costs far more to create than to use, and imports check dates by the thousand.
const PARIS_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' });

/** Today's date in the Europe/Paris calendar as YYYY-MM-DD. */
export function todayIso(now: Date = new Date()): string {
	return PARIS_DATE.format(now);
}

/** Rejects dates in the future: a verification cannot have happened tomorrow. */
export function notInFuture(date: string, now: Date = new Date()): boolean {
	return date <= todayIso(now);
}
