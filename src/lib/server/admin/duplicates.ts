/**
 * Potential duplicates: two records of the same kind with the same SIRET, or with similar names less than
 * 200 m apart. Pure; the merge itself is in records.ts. Distances with @turf/distance (great circle).
 */
import distance from '@turf/distance';
import type { PublicRecord } from '$lib/domain/records';

export const MAX_DISTANCE_M = 200;
export const MIN_SIMILARITY = 0.8;

// Words that say what kind of body it is rather than which one: "Association Les Jardins" ~ "Les Jardins".
const NOISE = new Set([
	'le',
	'la',
	'les',
	'l',
	'de',
	'du',
	'des',
	'd',
	'et',
	'en',
	'a',
	'au',
	'aux',
	'pour',
	'sur',
	'association',
	'asso',
	'sas',
	'sarl',
	'scop',
	'scic',
	'sa',
	'eurl',
	'sasu',
	'cooperative'
]);

export function normaliseName(name: string): string {
	return name
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/œ/g, 'oe')
		.replace(/[^a-z0-9]+/g, ' ')
		.split(' ')
		.filter((w) => w && !NOISE.has(w))
		.join(' ');
}

function bigrams(s: string): Map<string, number> {
	const out = new Map<string, number>();
	const t = ` ${s} `;
	for (let i = 0; i < t.length - 1; i++) {
		const g = t.slice(i, i + 2);
		out.set(g, (out.get(g) ?? 0) + 1);
	}
	return out;
}

/** Sørensen-Dice coefficient on character bigrams of the normalised names: 1 for equal, 0 for unrelated. */
export function nameSimilarity(a: string, b: string): number {
	const x = normaliseName(a);
	const y = normaliseName(b);
	if (!x || !y) return 0;
	if (x === y) return 1;
	const gx = bigrams(x);
	const gy = bigrams(y);
	let common = 0;
	let total = 0;
	for (const [g, n] of gx) {
		common += Math.min(n, gy.get(g) ?? 0);
		total += n;
	}
	for (const n of gy.values()) total += n;
	return (2 * common) / total;
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
		return la && lb
			? Math.round(distance([la.lon, la.lat], [lb.lon, lb.lat], { units: 'meters' }))
			: undefined;
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
					const similarity = nameSimilarity(r.name, other.name);
					if (similarity < MIN_SIMILARITY) continue;
					const d = dist(r, other);
					if (d !== undefined && d <= MAX_DISTANCE_M)
						add(r, other, { sameSiret: false, similarity, distanceM: d });
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

/**
 * The kept record after a merge: its own values win; the other's sources, themes, sectors and tags are
 * added, and its contact details, SIRET, address and position fill what the kept record lacks.
 */
export function mergeRecords<T extends PublicRecord>(keep: T, drop: PublicRecord): T {
	if (keep.kind !== drop.kind) throw new Error('merge of records of different kinds');
	const out = structuredClone(keep) as PublicRecord;
	const union = <V>(a: V[], b: V[], key: (v: V) => string = String) => {
		const seen = new Set(a.map(key));
		return [...a, ...b.filter((v) => !seen.has(key(v)))];
	};
	out.sources = union(keep.sources, drop.sources, (s) => s.url ?? s.reference ?? '').slice(0, 20);
	out.thematiques = union(keep.thematiques, drop.thematiques);
	if (out.kind === 'funding-tool' || drop.kind === 'funding-tool') return out as T;
	out.sectors = union(out.sectors, drop.sectors) as typeof out.sectors;
	out.tags = union(out.tags, drop.tags).slice(0, 20);
	out.contact = { ...drop.contact, ...out.contact };
	if (!out.address && drop.address) out.address = drop.address;
	if (!out.location && drop.location) out.location = drop.location;
	if (!out.quartierCode && drop.quartierCode && drop.communeCode === out.communeCode) {
		out.quartierCode = drop.quartierCode;
		if (!out.subQuartier && drop.subQuartier) out.subQuartier = drop.subQuartier;
	}
	if (out.kind === 'organisation' && drop.kind === 'organisation') {
		if (!out.siret && drop.siret) out.siret = drop.siret;
		if (!out.shortName && drop.shortName) out.shortName = drop.shortName;
		if (!out.foundedYear && drop.foundedYear) out.foundedYear = drop.foundedYear;
	}
	return out as T;
}
