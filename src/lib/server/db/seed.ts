import type { Dataset } from '$lib/domain/dataset';
import { get, perform, transaction, type Conn, type Out, type Query } from './query';
import {
	countRecordsQuery,
	insertCommuneQuery,
	insertQpvQuery,
	insertQuartierQuery,
	insertRecordsQuery,
	insertThematiqueQuery,
	metaQuery,
	setMetaQuery
} from './records';

export interface SeedResult {
	seeded: boolean;
	counts: Record<string, number>;
}

/** Whether the store was ever seeded (checked before reading data/, which costs a parse of every file). */
export function wasSeeded<C extends Conn>(conn: C): Out<C, boolean> {
	return perform(
		conn,
		(function* () {
			return (yield* metaQuery('seeded_at')) !== undefined;
		})()
	);
}

function* count(table: 'communes' | 'quartiers' | 'qpv' | 'thematiques'): Query<number> {
	return (yield* get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))!.n;
}

/**
 * Loads the validated dataset into an empty store, all or nothing, on either engine (two instances starting
 * at once on an empty PostgreSQL: the second finds the first's seed, or waits for it, and seeds nothing).
 * A store that was already seeded (or holds any record) is left untouched: a second start seeds nothing twice.
 */
export function seedIfEmpty<C extends Conn>(conn: C, dataset: Dataset, now = new Date()): Out<C, SeedResult> {
	return perform(
		conn,
		(function* (): Query<SeedResult> {
			const seeded = yield* transaction(function* () {
				// Taken first, the seed mark serialises two instances seeding at once: the second waits on the
				// first's row and then finds it, where checking the tables first would let both go on.
				const claim = yield* get<{ key: string }>(
					`INSERT INTO meta (key, value) VALUES ('seeded_at', ?) ON CONFLICT (key) DO NOTHING RETURNING key`,
					[now.toISOString()]
				);
				if (!claim) return false;
				const counts = yield* countRecordsQuery();
				if ((yield* count('communes')) > 0 || Object.values(counts).some((n) => n > 0)) {
					// Data written by other means (an import into a store never seeded): keep it, and the mark.
					return false;
				}
				for (const c of dataset.communes) yield* insertCommuneQuery(c);
				for (const q of dataset.quartiers) yield* insertQuartierQuery(q);
				for (const q of dataset.qpv) yield* insertQpvQuery(q);
				for (const t of dataset.thematiques) yield* insertThematiqueQuery(t);
				yield* insertRecordsQuery(
					[
						...dataset.organisations,
						...dataset.initiatives,
						...dataset.fundingTools,
						...dataset.places,
						...dataset.events
					],
					{ now, action: 'seed', note: 'Données de départ (data/)' }
				);
				yield* setMetaQuery('seeded_at', now.toISOString());
				return true;
			});
			return {
				seeded,
				counts: {
					communes: yield* count('communes'),
					quartiers: yield* count('quartiers'),
					qpv: yield* count('qpv'),
					thematiques: yield* count('thematiques'),
					...(yield* countRecordsQuery())
				}
			};
		})()
	);
}
