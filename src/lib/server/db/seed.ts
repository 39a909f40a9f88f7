import type { Dataset } from '$lib/domain/dataset';
import type { Db } from './connection';
import {
	countRecords,
	getMeta,
	insertCommune,
	insertQpv,
	insertQuartier,
	insertRecords,
	insertThematique,
	setMeta
} from './records';

export interface SeedResult {
	seeded: boolean;
	counts: Record<string, number>;
}

/** Whether the store was ever seeded (checked before reading data/, which costs a parse of every file). */
export function wasSeeded(db: Db): boolean {
	return getMeta(db, 'seeded_at') !== undefined;
}

/**
 * Loads the validated dataset into an empty store, all or nothing.
 * A store that was already seeded (or holds any record) is left untouched: a second start seeds nothing twice.
 */
export function seedIfEmpty(db: Db, dataset: Dataset, now = new Date()): SeedResult {
	const run = db.transaction((): boolean => {
		const counts = countRecords(db);
		const communes = (db.prepare('SELECT COUNT(*) AS n FROM communes').get() as { n: number }).n;
		if (wasSeeded(db) || communes > 0 || Object.values(counts).some((n) => n > 0)) return false;
		dataset.communes.forEach((c) => insertCommune(db, c));
		dataset.quartiers.forEach((q) => insertQuartier(db, q));
		dataset.qpv.forEach((q) => insertQpv(db, q));
		dataset.thematiques.forEach((t) => insertThematique(db, t));
		insertRecords(
			db,
			[
				...dataset.organisations,
				...dataset.initiatives,
				...dataset.fundingTools,
				...dataset.places,
				...dataset.events
			],
			{ now, action: 'seed', note: 'Données de départ (data/)' }
		);
		setMeta(db, 'seeded_at', now.toISOString());
		return true;
	});
	const seeded = run();
	const n = (table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
	return {
		seeded,
		counts: {
			communes: n('communes'),
			quartiers: n('quartiers'),
			qpv: n('qpv'),
			thematiques: n('thematiques'),
			...countRecords(db)
		}
	};
}
