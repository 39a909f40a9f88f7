/**
 * The CRESS's indicators in the workspace: what the team received and did, month by month, from the store's
 * history and proposals, and where the published data is getting old. Pure: the store's rows come in.
 */
import type { Commune } from '../geography';
import { correctionFields } from '../proposal';
import { RECORD_KINDS, RECORD_SCHEMAS, type PublicRecord } from '../records';
import { twelveMonthsBefore } from './figures';

export interface ProposalFact {
	type: string;
	status: string;
	createdAt: string;
	decidedAt: string | null;
	/** The stored payload (JSON text): a correction's `changes` name the fields it asks to change. */
	payload: string;
}

export interface HistoryCount {
	month: string;
	action: string;
	count: number;
}

export interface MonthRow {
	/** AAAA-MM */
	month: string;
	label: string;
	received: number;
	decided: number;
	edits: number;
	imports: number;
}

export interface Indicators {
	months: MonthRow[];
	/** Median days from a proposal to its decision, over the decided ones; undefined when none is decided. */
	medianDays?: number;
	decidedCount: number;
	pending: number;
	/** Published records not verified for twelve months, by commune (most first). */
	stale: { commune: string; stale: number; total: number }[];
	staleSince: string;
	/** The fields visitors ask most often to correct, with how many corrections ask for each. */
	corrections: { field: string; count: number }[];
}

/** History actions written by imports and batch jobs; seeding is the initial load and counts for neither. */
const BATCH_ACTIONS = new Set([
	'import',
	'sirene-create',
	'sirene-update',
	'sirene-archive',
	'geocode',
	'geo-assign'
]);
const NOT_COUNTED = new Set(['seed']);

const MONTHS = [
	'janv.',
	'févr.',
	'mars',
	'avr.',
	'mai',
	'juin',
	'juil.',
	'août',
	'sept.',
	'oct.',
	'nov.',
	'déc.'
];

/** The `n` months up to today's, oldest first (AAAA-MM). */
export function lastMonths(today: string, n: number): string[] {
	const [y, m] = today.split('-').map(Number);
	return Array.from({ length: n }, (_, i) => {
		const k = y * 12 + (m - 1) - (n - 1 - i);
		return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
	});
}

const monthLabel = (month: string) => `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;

export function median(values: readonly number[]): number | undefined {
	if (!values.length) return undefined;
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const DAY = 86_400_000;

/** The French label of each correctable field, by its name in a correction's `changes`. */
function correctionLabels(): Map<string, string> {
	const labels = new Map<string, string>();
	for (const kind of RECORD_KINDS)
		for (const f of correctionFields(RECORD_SCHEMAS[kind]))
			if (!labels.has(f.propose!.key)) labels.set(f.propose!.key, f.label);
	return labels;
}

function changedFields(payload: string): string[] {
	try {
		const changes = (JSON.parse(payload) as { changes?: unknown }).changes;
		return changes && typeof changes === 'object' ? Object.keys(changes) : [];
	} catch {
		return [];
	}
}

export function indicators(input: {
	proposals: readonly ProposalFact[];
	history: readonly HistoryCount[];
	records: readonly PublicRecord[];
	communes: readonly Pick<Commune, 'code' | 'name'>[];
	today: string;
	months?: number;
}): Indicators {
	const months = lastMonths(input.today, input.months ?? 12);
	const rows = new Map<string, MonthRow>(
		months.map((month) => [
			month,
			{ month, label: monthLabel(month), received: 0, decided: 0, edits: 0, imports: 0 }
		])
	);
	const durations: number[] = [];
	const labels = correctionLabels();
	const asked = new Map<string, number>();
	let pending = 0;
	for (const p of input.proposals) {
		const received = rows.get(p.createdAt.slice(0, 7));
		if (received) received.received++;
		if (p.decidedAt) {
			const decided = rows.get(p.decidedAt.slice(0, 7));
			if (decided) decided.decided++;
			durations.push((Date.parse(p.decidedAt) - Date.parse(p.createdAt)) / DAY);
		} else if (p.status === 'pending') pending++;
		if (p.type === 'change')
			for (const key of changedFields(p.payload)) {
				const field = labels.get(key) ?? key;
				asked.set(field, (asked.get(field) ?? 0) + 1);
			}
	}
	for (const h of input.history) {
		const row = rows.get(h.month);
		if (!row || NOT_COUNTED.has(h.action)) continue;
		if (BATCH_ACTIONS.has(h.action)) row.imports += h.count;
		else row.edits += h.count;
	}

	const staleSince = twelveMonthsBefore(input.today);
	const names = new Map(input.communes.map((c) => [c.code, c.name]));
	const byCommune = new Map<string, { stale: number; total: number }>();
	for (const r of input.records) {
		if (r.status !== 'published' || r.kind === 'funding-tool') continue;
		const commune = (r.communeCode && names.get(r.communeCode)) ?? 'Sans commune';
		const c = byCommune.get(commune) ?? { stale: 0, total: 0 };
		c.total++;
		if (r.lastVerified < staleSince) c.stale++;
		byCommune.set(commune, c);
	}
	const tools = input.records.filter((r) => r.status === 'published' && r.kind === 'funding-tool');
	if (tools.length)
		byCommune.set('Outils de financement (sans commune)', {
			stale: tools.filter((t) => t.lastVerified < staleSince).length,
			total: tools.length
		});
	const median_ = median(durations);
	return {
		months: months.map((m) => rows.get(m)!),
		medianDays: median_ === undefined ? undefined : Math.round(median_ * 10) / 10,
		decidedCount: durations.length,
		pending,
		stale: [...byCommune]
			.map(([commune, c]) => ({ commune, ...c }))
			.filter((c) => c.stale > 0)
			.sort((a, b) => b.stale - a.stale || a.commune.localeCompare(b.commune, 'fr')),
		staleSince,
		corrections: [...asked]
			.map(([field, count]) => ({ field, count }))
			.sort((a, b) => b.count - a.count || a.field.localeCompare(b.field, 'fr'))
			.slice(0, 10)
	};
}
