/**
 * Potential duplicates: two records of the same kind with the same SIRET, or with similar names less than
 * 200 m apart (the rule is src/lib/geo/resemblance.ts, shared with moderation); the merge's confirmation
 * page, merging them (the merge rules are the fields' own, src/lib/domain/merge.ts) and dismissing a pair
 * that is not one.
 */
import type { FieldErrors } from '$lib/domain/errors';
import { distanceMeters } from '$lib/geo/distance';
import { fieldSpec, labelOfPath } from '$lib/domain/fields';
import { describeMergeRule, mergePlan, mergeRecords } from '$lib/domain/merge';
import { referenceLabel } from '$lib/domain/value-labels';
import { displayValue } from '$lib/io/diff';
import type { PublicRecord } from '$lib/domain/records';
import {
	MAX_DISTANCE_M,
	MIN_SIMILARITY,
	nameSimilarity,
	normaliseName,
	describeResemblance,
	resemblance,
	type Resembling
} from '$lib/geo/resemblance';
import { allRecords, dismissDuplicate, dismissedPairs } from '../db/admin';
import { getRecordById, recordsMentioning, updateRecord } from '../db/records';
import type { SqlClient } from '../db/sql';
import { valueLabels } from './context';
import { validateRecord, withoutVersion, type Actor } from './records';

export { MAX_DISTANCE_M, MIN_SIMILARITY, nameSimilarity, normaliseName };

/** What the resemblance rule reads of a record (or of a proposal's draft). */
export function resembling(r: {
	kind: string;
	name?: unknown;
	siret?: unknown;
	location?: unknown;
}): Resembling {
	const loc = r.location as { lon?: unknown; lat?: unknown } | undefined;
	return {
		kind: r.kind,
		name: typeof r.name === 'string' ? r.name : '',
		siret: r.kind === 'organisation' && typeof r.siret === 'string' ? r.siret : undefined,
		location:
			typeof loc?.lon === 'number' && typeof loc.lat === 'number' ? { lon: loc.lon, lat: loc.lat } : undefined
	};
}

export interface DuplicatePair {
	a: PublicRecord;
	b: PublicRecord;
	sameSiret: boolean;
	similarity: number;
	/** Metres between the two positions, when both have one. */
	distanceM?: number;
}

export function pairKey(a: string, b: string): string {
	return a < b ? `${a}|${b}` : `${b}|${a}`;
}

// Grid cells of about 550 m (lat) by 370 m (lon at 48.6°N): pairs within 200 m are always in neighbouring cells.
const CELL = 0.005;

/** Pairs to review, SIRET matches first, then by similarity. Archived records and dismissed pairs are left out. */
export function findDuplicates(records: PublicRecord[], dismissed: Set<string> = new Set()): DuplicatePair[] {
	const live = records.filter((r) => r.status !== 'archived');
	const pairs = new Map<string, DuplicatePair>();
	const add = (a: PublicRecord, b: PublicRecord, p: Omit<DuplicatePair, 'a' | 'b'>) => {
		const key = pairKey(a.id, b.id);
		if (dismissed.has(key)) return;
		const existing = pairs.get(key);
		const [first, second] = a.id < b.id ? [a, b] : [b, a];
		pairs.set(key, {
			a: first,
			b: second,
			sameSiret: p.sameSiret || !!existing?.sameSiret,
			similarity: Math.max(p.similarity, existing?.similarity ?? 0),
			distanceM: p.distanceM ?? existing?.distanceM
		});
	};
	const dist = (a: PublicRecord, b: PublicRecord) => {
		const la = 'location' in a ? a.location : undefined;
		const lb = 'location' in b ? b.location : undefined;
		return la && lb ? Math.round(distanceMeters(la, lb)) : undefined;
	};

	const bySiret = new Map<string, PublicRecord[]>();
	for (const r of live)
		if (r.kind === 'organisation' && r.siret) bySiret.set(r.siret, [...(bySiret.get(r.siret) ?? []), r]);
	for (const group of bySiret.values())
		for (let i = 0; i < group.length; i++)
			for (let j = i + 1; j < group.length; j++)
				add(group[i], group[j], {
					sameSiret: true,
					similarity: nameSimilarity(group[i].name, group[j].name),
					distanceM: dist(group[i], group[j])
				});

	const grid = new Map<string, PublicRecord[]>();
	const cellOf = (lon: number, lat: number) => [Math.floor(lon / CELL), Math.floor(lat / CELL)];
	for (const r of live) {
		if (!('location' in r) || !r.location) continue;
		const [x, y] = cellOf(r.location.lon, r.location.lat);
		const key = `${x}:${y}`;
		grid.set(key, [...(grid.get(key) ?? []), r]);
	}
	for (const r of live) {
		if (!('location' in r) || !r.location) continue;
		const [x, y] = cellOf(r.location.lon, r.location.lat);
		for (let dx = -1; dx <= 1; dx++)
			for (let dy = -1; dy <= 1; dy++) {
				for (const other of grid.get(`${x + dx}:${y + dy}`) ?? []) {
					if (other.id <= r.id || other.kind !== r.kind) continue;
					const found = resemblance(resembling(r), resembling(other));
					if (
						found &&
						found.similarity >= MIN_SIMILARITY &&
						found.distanceM !== undefined &&
						found.distanceM <= MAX_DISTANCE_M
					)
						add(r, other, { sameSiret: false, similarity: found.similarity, distanceM: found.distanceM });
				}
			}
	}
	return [...pairs.values()].sort(
		(p, q) =>
			Number(q.sameSiret) - Number(p.sameSiret) ||
			q.similarity - p.similarity ||
			p.a.name.localeCompare(q.a.name, 'fr')
	);
}

/** The /admin/doublons list: each pair with what a maintainer needs to choose. */
export async function duplicateList(sql: SqlClient) {
	const side = (r: PublicRecord) => ({
		id: r.id,
		name: r.name,
		kind: r.kind,
		status: r.status,
		version: (r as { version?: number }).version ?? 0,
		siret: r.kind === 'organisation' ? r.siret : undefined,
		address: 'address' in r ? r.address : undefined
	});
	return findDuplicates(await allRecords(sql), await dismissedPairs(sql)).map((p) => ({
		a: side(p.a),
		b: side(p.b),
		sameSiret: p.sameSiret,
		similarity: Math.round(p.similarity * 100),
		distanceM: p.distanceM
	}));
}

/** "Not a duplicate": the pair is no longer listed. False when either record does not exist. */
export async function dismissPair(sql: SqlClient, a: string, b: string, actor: Actor): Promise<boolean> {
	if (!(await getRecordById(sql, a)) || !(await getRecordById(sql, b))) return false;
	await dismissDuplicate(sql, a, b, actor.id);
	return true;
}

export type MergeResult = { ok: true; keptId: string } | { ok: false; message: string; errors?: FieldErrors };

class MergeAbort extends Error {}

/**
 * Keeps one record, archives the other and points every link (parent, carrier, providers, combinations) at
 * the kept one, all in one transaction (on PostgreSQL too: a version moved by another instance undoes the
 * whole merge); each change is a history entry naming the merge.
 */
export async function mergeDuplicates(
	sql: SqlClient,
	keepId: string,
	dropId: string,
	versions: { keep: number; drop: number },
	actor: Actor
): Promise<MergeResult> {
	const keep = await getRecordById(sql, keepId);
	const drop = await getRecordById(sql, dropId);
	if (!keep || !drop || keepId === dropId) return { ok: false, message: 'fiches introuvables' };
	if (keep.kind !== drop.kind)
		return { ok: false, message: 'seules deux fiches du même type peuvent être fusionnées' };
	const merged = mergeRecords(withoutVersion(keep), withoutVersion(drop));
	const checked = await validateRecord(sql, merged);
	if (!checked.ok)
		return { ok: false, message: 'la fiche fusionnée ne serait pas valide', errors: checked.errors };
	const archived = {
		...withoutVersion(drop),
		status: 'archived',
		caveats: [...drop.caveats, `Doublon fusionné dans « ${keep.name} » (${keep.id}).`].slice(-20)
	} as PublicRecord;
	try {
		await sql.transaction(async (tx) => {
			const a = await updateRecord(tx, checked.record, {
				expectedVersion: versions.keep,
				by: actor.id,
				action: 'merge',
				note: `fusion : reprend « ${drop.name} » (${drop.id})`
			});
			const b = await updateRecord(tx, archived, {
				expectedVersion: versions.drop,
				by: actor.id,
				action: 'merge',
				note: `fusionnée dans « ${keep.name} » (${keep.id})`
			});
			if (!a.ok || !b.ok) throw new MergeAbort();
			await relink(tx, dropId, keepId, actor);
		});
	} catch (e) {
		if (e instanceof MergeAbort)
			return {
				ok: false,
				message: 'une des fiches a été modifiée entre-temps : rechargez la page et recommencez'
			};
		throw e;
	}
	return { ok: true, keptId: keepId };
}

/** A record with its links to `from` pointed at `to` (parent, carrier, providers, combinations), or undefined. */
function relinked(record: PublicRecord, from: string, to: string): PublicRecord | undefined {
	const r = structuredClone(record);
	const swap = (ids: string[]) => [...new Set(ids.map((x) => (x === from ? to : x)))];
	let changed = false;
	if (r.kind === 'organisation' && r.parentId === from) {
		r.parentId = to === r.id ? undefined : to;
		changed = true;
	}
	if (r.kind === 'initiative' && r.carrier.organisationId === from) {
		r.carrier = { ...r.carrier, organisationId: to };
		changed = true;
	}
	if (r.kind === 'funding-tool' && (r.providerIds.includes(from) || r.combinesWith.includes(from))) {
		r.providerIds = swap(r.providerIds);
		r.combinesWith = swap(r.combinesWith).filter((x) => x !== r.id);
		changed = true;
	}
	return changed ? r : undefined;
}

async function relink(tx: SqlClient, from: string, to: string, actor: Actor) {
	for (const stored of await recordsMentioning(tx, from)) {
		const r = relinked(withoutVersion(stored), from, to);
		if (!r) continue;
		const res = await updateRecord(tx, r, {
			expectedVersion: stored.version,
			by: actor.id,
			action: 'merge',
			note: `lien vers « ${from} » remplacé par « ${to} » (fusion)`
		});
		if (!res.ok) throw new MergeAbort();
	}
}

/**
 * The confirmation page of a merge: both records side by side, field by field, with what the kept record
 * will say after the merge and the rule that decides it, the links that will move and whether the result
 * is valid. Nothing is written. `keepId` picks the record kept (the first one otherwise).
 */
export async function mergePreview(sql: SqlClient, aId: string, bId: string, keepId?: string | null) {
	const a = await getRecordById(sql, aId);
	const b = await getRecordById(sql, bId);
	if (!a || !b || a.id === b.id) return undefined;
	const [keep, drop] = keepId === b.id ? [b, a] : [a, b];
	const side = (r: typeof a) => ({
		id: r.id,
		name: r.name,
		kind: r.kind,
		status: r.status,
		version: r.version
	});
	const base = { a: side(a), b: side(b), keep: side(keep), drop: side(drop) };
	if (keep.kind !== drop.kind)
		return {
			...base,
			rows: [],
			links: [],
			why: '',
			problems: ['seules deux fiches du même type peuvent être fusionnées']
		};
	const records = await allRecords(sql);
	const labels = await valueLabels(sql, records);
	const kept = withoutVersion(keep);
	const dropped = withoutVersion(drop);
	const merged = mergeRecords(kept, dropped);
	const text = (path: string, value: unknown, record: unknown) => {
		const spec = fieldSpec(keep.kind, path);
		return referenceLabel(spec, value, labels, record) ?? displayValue(value, spec);
	};
	const rows = mergePlan(kept, dropped).map((r) => ({
		path: r.path,
		label: r.label,
		keep: text(r.path, r.keep, kept),
		drop: text(r.path, r.drop, dropped),
		result: text(r.path, r.result, merged),
		outcome: r.outcome,
		rule: describeMergeRule(r.rule, (p) => labelOfPath(keep.kind, p))
	}));
	const checked = await validateRecord(sql, merged);
	const found = resemblance(resembling(a), resembling(b));
	return {
		...base,
		rows,
		why: found ? describeResemblance(found) : '',
		links: records
			.filter((r) => r.id !== drop.id && relinked(r, drop.id, keep.id))
			.map((r) => ({ id: r.id, name: r.name })),
		problems: checked.ok
			? []
			: Object.entries(checked.errors).map(([k, m]) => `${labelOfPath(keep.kind, k)} : ${m}`)
	};
}
