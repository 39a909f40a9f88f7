/**
 * Opening hours as people write them in French, in one compact and strict line (the shape of
 * OpenStreetMap's `opening_hours`, in French words), stored as typed and parsed here into structure:
 *
 *   `lu-ve 09:00-18:00; sa 10:00-12:00,14:00-17:00; ve 20:00-02:00; fériés fermé; 2026-12-24 09:00-12:00; 2026-12-25 fermé`
 *
 * Rules are separated by `;`. A rule is days (`lu`, `ma`, `me`, `je`, `ve`, `sa`, `di`, ranges `lu-ve`,
 * lists `lu,me`), `fériés` (French public holidays, those of Alsace-Moselle included), or a date
 * (`AAAA-MM-JJ`) or a date range (`AAAA-MM-JJ..AAAA-MM-JJ`), then intervals `HH:MM-HH:MM` separated by
 * commas, or `fermé`. An interval that closes before it opens runs past midnight. Precedence: a date rule,
 * then `fériés` on a holiday, then the days. Absent hours are unknown: « ouvert maintenant » then says
 * nothing rather than guess.
 */

export const DAY_CODES = ['lu', 'ma', 'me', 'je', 've', 'sa', 'di'] as const;
export type DayCode = (typeof DAY_CODES)[number];
const DAY_NAMES: Record<DayCode, string> = {
	lu: 'lundi',
	ma: 'mardi',
	me: 'mercredi',
	je: 'jeudi',
	ve: 'vendredi',
	sa: 'samedi',
	di: 'dimanche'
};
/** schema.org day names, for openingHoursSpecification. */
const SCHEMA_DAYS: Record<DayCode, string> = {
	lu: 'https://schema.org/Monday',
	ma: 'https://schema.org/Tuesday',
	me: 'https://schema.org/Wednesday',
	je: 'https://schema.org/Thursday',
	ve: 'https://schema.org/Friday',
	sa: 'https://schema.org/Saturday',
	di: 'https://schema.org/Sunday'
};

/** Minutes since midnight, `closes` may be below `opens` (past midnight). */
export interface Interval {
	opens: number;
	closes: number;
}

export interface OpeningHours {
	/** Intervals per day of the week; a day absent is closed (when some rule names days). */
	week: Partial<Record<DayCode, Interval[]>>;
	/** `fériés …`: undefined when the line says nothing of holidays (the week then applies). */
	holidays?: Interval[];
	/** Dates and date ranges, in the order written (the last that covers a date wins). */
	exceptions: { from: string; to: string; intervals: Interval[] }[];
}

export type ParseResult = { ok: true; hours: OpeningHours } | { ok: false; error: string };

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CLOSED = new Set(['fermé', 'ferme']);
const HOLIDAYS = new Set(['fériés', 'feries', 'férié', 'ferie']);

function minutes(t: string): number | undefined {
	const m = TIME.exec(t) ?? (t === '24:00' ? ['', '24', '00'] : null);
	return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

function validDate(d: string): boolean {
	if (!DATE.test(d)) return false;
	const date = new Date(`${d}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === d;
}

function parseIntervals(text: string, rule: string): Interval[] | string {
	if (CLOSED.has(text)) return [];
	const out: Interval[] = [];
	for (const part of text.split(',').map((p) => p.trim())) {
		const [a, b, extra] = part.split('-');
		const opens = a === undefined ? undefined : minutes(a.trim());
		const closes = b === undefined ? undefined : minutes(b.trim());
		if (extra !== undefined || opens === undefined || closes === undefined || opens === closes)
			return `horaire « ${part} » illisible dans « ${rule} » : écrivez par exemple 09:00-18:00, ou « fermé »`;
		out.push({ opens, closes: closes === 0 ? 24 * 60 : closes });
	}
	return out;
}

function parseDays(text: string, rule: string): DayCode[] | string {
	const days = new Set<DayCode>();
	for (const part of text.split(',').map((p) => p.trim())) {
		const [a, b] = part.split('-');
		const i = DAY_CODES.indexOf(a as DayCode);
		const j = b === undefined ? i : DAY_CODES.indexOf(b as DayCode);
		if (i < 0 || j < 0)
			return `jour « ${part} » inconnu dans « ${rule} » : lu, ma, me, je, ve, sa, di, ou un intervalle lu-ve`;
		// `sa-lu` wraps round the week.
		for (let k = i; ; k = (k + 1) % 7) {
			days.add(DAY_CODES[k]);
			if (k === j) break;
		}
	}
	return [...days];
}

/** Parses a line of opening hours; the error names the rule that could not be read, in French. */
export function parseOpeningHours(line: string): ParseResult {
	const hours: OpeningHours = { week: {}, exceptions: [] };
	const rules = line
		.split(';')
		.map((r) => r.trim().replace(/\s+/g, ' '))
		.filter((r) => r !== '');
	if (!rules.length) return { ok: false, error: 'aucune règle : écrivez par exemple « lu-ve 09:00-18:00 »' };
	for (const rule of rules) {
		const space = rule.indexOf(' ');
		if (space < 0)
			return {
				ok: false,
				error: `« ${rule} » : indiquez des jours ou une date, puis des horaires ou « fermé »`
			};
		const head = rule.slice(0, space).toLowerCase();
		const intervals = parseIntervals(
			rule
				.slice(space + 1)
				.trim()
				.toLowerCase(),
			rule
		);
		if (typeof intervals === 'string') return { ok: false, error: intervals };
		if (HOLIDAYS.has(head)) {
			hours.holidays = intervals;
		} else if (/^\d/.test(head)) {
			const [from, to = from] = head.split('..');
			if (!validDate(from) || !validDate(to) || to < from)
				return {
					ok: false,
					error: `date « ${head} » invalide dans « ${rule} » : AAAA-MM-JJ ou AAAA-MM-JJ..AAAA-MM-JJ`
				};
			hours.exceptions.push({ from, to, intervals });
		} else {
			const days = parseDays(head, rule);
			if (typeof days === 'string') return { ok: false, error: days };
			for (const d of days) hours.week[d] = [...(hours.week[d] ?? []), ...intervals];
		}
	}
	return { ok: true, hours };
}

// French public holidays ----------------------------------------------------------------------------------

function iso(y: number, m: number, d: number): string {
	return new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
}
function addDays(date: string, n: number): string {
	const d = new Date(`${date}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + n);
	return d.toISOString().slice(0, 10);
}
/** Easter Sunday (anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
function easter(y: number): string {
	const a = y % 19;
	const b = Math.floor(y / 100);
	const c = y % 100;
	const d = Math.floor(b / 4);
	const e = b % 4;
	const f = Math.floor((b + 8) / 25);
	const g = Math.floor((b - f + 1) / 3);
	const h = (19 * a + b - d - g + 15) % 30;
	const i = Math.floor(c / 4);
	const k = c % 4;
	const l = (32 + 2 * e + 2 * i - h - k) % 7;
	const m = Math.floor((a + 11 * h + 22 * l) / 451);
	const month = Math.floor((h + l - 7 * m + 114) / 31);
	const day = ((h + l - 7 * m + 114) % 31) + 1;
	return iso(y, month, day);
}

/**
 * Public holidays in Strasbourg: the national ones, plus Good Friday and 26 December, which the local law
 * of Alsace-Moselle adds (Code du travail, art. L3134-13).
 */
export function publicHolidays(year: number): Set<string> {
	const e = easter(year);
	return new Set([
		iso(year, 1, 1),
		addDays(e, -2), // Vendredi saint (Alsace-Moselle)
		addDays(e, 1), // Lundi de Pâques
		iso(year, 5, 1),
		iso(year, 5, 8),
		addDays(e, 39), // Ascension
		addDays(e, 50), // Lundi de Pentecôte
		iso(year, 7, 14),
		iso(year, 8, 15),
		iso(year, 11, 1),
		iso(year, 11, 11),
		iso(year, 12, 25),
		iso(year, 12, 26) // Saint-Étienne (Alsace-Moselle)
	]);
}

export function isPublicHoliday(date: string): boolean {
	return publicHolidays(Number(date.slice(0, 4))).has(date);
}

// « Ouvert maintenant » ---------------------------------------------------------------------------------

const PARIS = new Intl.DateTimeFormat('en-CA', {
	timeZone: 'Europe/Paris',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	hourCycle: 'h23'
});

/** The date and the minute of the day in Strasbourg at `now`. */
export function parisTime(now: Date): { date: string; minute: number } {
	const parts = Object.fromEntries(PARIS.formatToParts(now).map((p) => [p.type, p.value]));
	return {
		date: `${parts.year}-${parts.month}-${parts.day}`,
		minute: Number(parts.hour) * 60 + Number(parts.minute)
	};
}

function weekday(date: string): DayCode {
	// 2024-01-01 was a Monday.
	const d = new Date(`${date}T00:00:00Z`).getUTCDay();
	return DAY_CODES[(d + 6) % 7];
}

/** The intervals that apply on a date: its exception, else holidays on a holiday, else its weekday. */
export function intervalsOn(hours: OpeningHours, date: string): Interval[] {
	const exception = hours.exceptions.findLast((x) => x.from <= date && date <= x.to);
	if (exception) return exception.intervals;
	if (hours.holidays && isPublicHoliday(date)) return hours.holidays;
	return hours.week[weekday(date)] ?? [];
}

/**
 * Whether the place is open at `now` (Europe/Paris): true, false, or undefined when its hours are not
 * known or cannot be read. An interval of the day before that runs past midnight counts.
 */
export function isOpenAt(line: string | undefined, now: Date): boolean | undefined {
	if (!line) return undefined;
	const parsed = parseOpeningHours(line);
	if (!parsed.ok) return undefined;
	const { date, minute } = parisTime(now);
	const today = intervalsOn(parsed.hours, date);
	if (today.some((i) => (i.opens < i.closes ? i.opens <= minute && minute < i.closes : minute >= i.opens)))
		return true;
	const yesterday = intervalsOn(parsed.hours, addDays(date, -1));
	return yesterday.some((i) => i.closes < i.opens && minute < i.closes);
}

const hhmm = (m: number) =>
	`${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const hFr = (m: number) => {
	const h = Math.floor(m / 60) % 24;
	const min = m % 60;
	return `${h} h${min ? ` ${String(min).padStart(2, '0')}` : ''}`;
};

/**
 * One line of the hours as a value: a day of the week, holidays, or a date or dates, with its intervals
 * (none: closed). Pages in other languages write it in their words (lib/i18n/places.ts).
 */
export type HoursLine =
	| { kind: 'day'; day: DayCode; intervals: Interval[] }
	| { kind: 'holidays'; intervals: Interval[] }
	| { kind: 'dates'; from: string; to: string; intervals: Interval[] };

/** The hours line by line: every day of the week in order, then holidays, then dates as written. */
export function openingHoursLines(hours: OpeningHours): HoursLine[] {
	return [
		...DAY_CODES.map((day) => ({ kind: 'day' as const, day, intervals: hours.week[day] ?? [] })),
		...(hours.holidays ? [{ kind: 'holidays' as const, intervals: hours.holidays }] : []),
		...hours.exceptions.map((x) => ({ kind: 'dates' as const, ...x }))
	];
}

/** One line in French words: « Lundi : 9 h – 18 h », « Jours fériés : fermé », « Du … au … : … ». */
export function describeHoursLine(line: HoursLine): string {
	const text = line.intervals.length
		? line.intervals.map((i) => `${hFr(i.opens)} – ${hFr(i.closes)}`).join(', ')
		: 'fermé';
	if (line.kind === 'day') {
		const name = DAY_NAMES[line.day];
		return `${name[0].toUpperCase()}${name.slice(1)} : ${text}`;
	}
	if (line.kind === 'holidays') return `Jours fériés : ${text}`;
	return `${line.from === line.to ? `Le ${line.from}` : `Du ${line.from} au ${line.to}`} : ${text}`;
}

/** The hours in French words, one line per day of the week, then holidays and dates. */
export function describeOpeningHours(hours: OpeningHours): string[] {
	return openingHoursLines(hours).map(describeHoursLine);
}

export interface OpeningHoursSpecification {
	'@type': 'OpeningHoursSpecification';
	dayOfWeek?: string[];
	opens: string;
	closes: string;
	validFrom?: string;
	validThrough?: string;
}

/** schema.org openingHoursSpecification: one entry per day interval, dates as validFrom/validThrough
 * (a closed date is opens = closes = 00:00, as schema.org says). Holidays have no schema.org day: left out. */
export function openingHoursSpecification(hours: OpeningHours): OpeningHoursSpecification[] {
	const out: OpeningHoursSpecification[] = [];
	for (const d of DAY_CODES)
		for (const i of hours.week[d] ?? [])
			out.push({
				'@type': 'OpeningHoursSpecification',
				dayOfWeek: [SCHEMA_DAYS[d]],
				opens: hhmm(i.opens),
				closes: hhmm(i.closes)
			});
	for (const x of hours.exceptions) {
		const base = { '@type': 'OpeningHoursSpecification' as const, validFrom: x.from, validThrough: x.to };
		if (!x.intervals.length) out.push({ ...base, opens: '00:00', closes: '00:00' });
		for (const i of x.intervals) out.push({ ...base, opens: hhmm(i.opens), closes: hhmm(i.closes) });
	}
	return out;
}
