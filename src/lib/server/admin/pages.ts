/** Data of the workspace's list pages, so that the routes stay one call each. */
import { todayIso } from '$lib/domain/today';
import { RECORD_KINDS, type RecordKind } from '$lib/domain/records';
import { nameMatcher } from '$lib/search/name-match';
import {
	allRecords,
	countPendingProposals,
	countStale,
	dismissedPairs,
	listStale,
	listSummaries,
	recentChanges,
	statusCounts,
	type RecordSummary
} from '../db/admin';
import { idsLastChangedBy } from '../db/history';
import { listProposals } from '../db/proposals';
import { getRecordById } from '../db/records';
import type { SqlClient } from '../db/sql';
import { userNames } from '../db/users';
import { findDuplicates } from './duplicates';

/** Records not verified for 12 months are "stale". */
export function staleBefore(now = new Date()): string {
	const d = new Date(now);
	d.setFullYear(d.getFullYear() - 1);
	return todayIso(d);
}

export async function dashboard(sql: SqlClient, now = new Date()) {
	const counts: Record<RecordKind, Record<string, number>> = {
		organisation: { published: 0, draft: 0, archived: 0 },
		initiative: { published: 0, draft: 0, archived: 0 },
		'funding-tool': { published: 0, draft: 0, archived: 0 },
		place: { published: 0, draft: 0, archived: 0 },
		event: { published: 0, draft: 0, archived: 0 }
	};
	for (const c of await statusCounts(sql)) counts[c.kind][c.status] = c.n;
	const names = await userNames(sql);
	return {
		counts,
		pending: await countPendingProposals(sql),
		stale: await countStale(sql, staleBefore(now)),
		duplicates: findDuplicates(await allRecords(sql), await dismissedPairs(sql)).length,
		recent: (await recentChanges(sql, 10)).map((c) => ({
			...c,
			by: c.changedBy ? (names.get(c.changedBy) ?? 'compte supprimé') : '—'
		}))
	};
}

const PAGE = 50;

export async function recordList(sql: SqlClient, url: URL) {
	const kindParam = url.searchParams.get('type');
	const statusParam = url.searchParams.get('statut');
	const kind = (RECORD_KINDS as readonly string[]).includes(kindParam ?? '')
		? (kindParam as RecordKind)
		: undefined;
	const status = ['published', 'draft', 'archived'].includes(statusParam ?? '')
		? (statusParam as RecordSummary['status'])
		: undefined;
	const q = (url.searchParams.get('q') ?? '').trim().slice(0, 100);
	let items = await listSummaries(sql, { kind, status });
	// The site's French analysis and the sector's acronyms (« csc neuhof »), on the name or the id.
	if (q) {
		const matches = nameMatcher(q);
		items = items.filter((r) => matches(r.name) || matches(r.id));
	}
	// « À relire : import SIRENE » : records the import created or changed and nobody has saved since (a
	// newer stock that only confirms a record does not put it back on the list).
	const review = url.searchParams.get('relire') === 'sirene' ? ('sirene' as const) : ('' as const);
	if (review) {
		const ids = await idsLastChangedBy(sql, 'import-sirene', ['sirene-confirm']);
		items = items.filter((r) => ids.has(r.id));
	}
	const page = Math.max(1, Math.min(10_000, Number(url.searchParams.get('page')) || 1));
	return {
		filters: { kind: kind ?? ('' as const), status: status ?? ('' as const), q, review },
		total: items.length,
		page,
		pages: Math.max(1, Math.ceil(items.length / PAGE)),
		items: items.slice((page - 1) * PAGE, page * PAGE)
	};
}

export async function staleList(sql: SqlClient, now = new Date()) {
	const before = staleBefore(now);
	return { before, items: await listStale(sql, before) };
}

export async function moderationQueue(sql: SqlClient) {
	const names = await userNames(sql);
	const all = await listProposals(sql);
	const pending = all.filter((p) => p.status === 'pending');
	const decided = all
		.filter((p) => p.status !== 'pending')
		.sort((a, b) => (b.decidedAt ?? '').localeCompare(a.decidedAt ?? ''))
		.slice(0, 20);
	const named = (p: (typeof all)[number]) => {
		const payload = p.payload as { name?: unknown } | null;
		return typeof payload?.name === 'string' ? payload.name : undefined;
	};
	// The names of the records that proposals without a name of their own are about.
	const targets = new Map<string, string>();
	for (const p of [...pending, ...decided])
		if (!named(p) && p.targetId && !targets.has(p.targetId)) {
			const target = await getRecordById(sql, p.targetId);
			if (target) targets.set(p.targetId, target.name);
		}
	const titleOf = (p: (typeof all)[number]) =>
		named(p) ?? (p.targetId ? (targets.get(p.targetId) ?? p.targetId) : p.id);
	return {
		pending: pending.map((p) => ({
			id: p.id,
			type: p.type,
			title: titleOf(p),
			createdAt: p.createdAt,
			targetId: p.targetId
		})),
		decided: decided.map((p) => ({
			id: p.id,
			type: p.type,
			title: titleOf(p),
			status: p.status,
			decidedAt: p.decidedAt,
			by: p.decidedBy ? (names.get(p.decidedBy) ?? p.decidedBy) : '',
			reason: p.decisionReason
		}))
	};
}
