/**
 * Writes a SIRENE selection into the store (`npm run import:sirene`), in one transaction:
 *
 * - an establishment no record holds becomes a published organisation (`sirene-<SIRET>`, origin `sirene`),
 *   or a draft when its name is close to a curated record without a SIRET less than 200 m away: the pair is
 *   listed in the workspace's duplicates (the same detection as /admin/doublons), never merged silently;
 * - a curated record with the same SIRET is enriched: what it lacks is filled, curated values stay
 *   (the rule of `mergeRegister`, src/lib/io/sirene/record.ts);
 * - a record the register created follows the register where nobody edited it; a newer stock that changes
 *   nothing else moves its verification date (`sirene-confirm`);
 * - a record the register created whose SIRET left the selection (closed, no longer ESS...) is archived with
 *   the reason, never deleted; it is published again if it comes back. Curated records are never archived
 *   by the register: those whose SIRET closed are only reported.
 *
 * Every write is a history entry by « Import SIRENE » (`SIRENE_ACTOR`). The same stock twice writes nothing;
 * an older stock than the last one imported is refused.
 */
import { todayIso } from '$lib/domain/today';
import { labelOfPath } from '$lib/domain/fields';
import { organisationSchema, type Organisation, type PublicRecord } from '$lib/domain/records';
import { checkRefs } from '$lib/io/refs';
import {
	SIRENE_ACTOR,
	archiveReason,
	mergeRegister,
	registerValues,
	registerValuesOf,
	sireneRecord,
	sireneRecordId,
	withSireneSource,
	type RegisterKey
} from '$lib/io/sirene/record';
import { lastWrittenBy, latestEntry, versionOf } from '../db/history';
import { insertRecord, listCommunes, listRecords, updateRecord, type Stored } from '../db/records';
import type { SqlClient } from '../db/sql';
import { findDuplicates } from '../admin/duplicates';
import { refContext } from '../admin/context';
import type { SireneSelection, WatchedReason } from './read';

export interface SireneImportReport {
	stockDate: string;
	dryRun: boolean;
	counts: {
		/** New records, published. */
		new: number;
		/** New records left as drafts: a curated record without SIRET has a close name less than 200 m away. */
		possibleDuplicates: number;
		/** Curated records with the same SIRET that got register fields they lacked. */
		enriched: number;
		/** Records the register created whose register fields changed. */
		updated: number;
		/** Records the register created that a newer stock confirms unchanged (verification date moved). */
		confirmed: number;
		/** Selected establishments whose records already say all of it. */
		unchanged: number;
		/** Records the register created and archived, back in the selection. */
		restored: number;
		archived: number;
		/** Establishments whose record would be invalid (reported, not written). */
		rejected: number;
	};
	duplicates: {
		id: string;
		name: string;
		otherId: string;
		otherName: string;
		similarity: number;
		distanceM?: number;
	}[];
	archivedRecords: { id: string; name: string; reason: string }[];
	rejectedRecords: { siret: string; message: string }[];
	/** Curated records whose SIRET the register says closed or no longer ESS: for a look, left as they are. */
	curatedToCheck: { id: string; name: string; reason: string }[];
}

/** The SIRETs the store holds on organisations: the selection says why those it does not keep left. */
export async function storedSirets(sql: SqlClient): Promise<Set<string>> {
	return new Set(
		(await listRecords(sql, 'organisation', { status: 'any' })).flatMap((r) => (r.siret ? [r.siret] : []))
	);
}

const ARCHIVE_MARK = 'Archivée d’après le répertoire SIRENE';

type Write =
	| { type: 'insert'; record: PublicRecord; note: string }
	| { type: 'update'; record: PublicRecord; version: number; action: string; note: string };

export class SireneImportError extends Error {}

function without<T extends object>(r: Stored<T>): T {
	const { version: _version, ...rest } = r;
	return rest as T;
}

/** Grid cells of about 550 m by 370 m: a record's neighbours within 200 m are in its cell or the next ones. */
const CELL = 0.005;

/** The placed records of `records` in the cells around a record's position. */
function nearbyIndex(records: Organisation[]): (r: Organisation) => Organisation[] {
	const grid = new Map<string, Organisation[]>();
	const key = (x: number, y: number) => `${x}:${y}`;
	for (const r of records) {
		if (!r.location) continue;
		const k = key(Math.floor(r.location.lon / CELL), Math.floor(r.location.lat / CELL));
		grid.set(k, [...(grid.get(k) ?? []), r]);
	}
	return (r) => {
		if (!r.location) return [];
		const x = Math.floor(r.location.lon / CELL);
		const y = Math.floor(r.location.lat / CELL);
		const out: Organisation[] = [];
		for (let dx = -1; dx <= 1; dx++)
			for (let dy = -1; dy <= 1; dy++) out.push(...(grid.get(key(x + dx, y + dy)) ?? []));
		return out;
	};
}

const labels = (keys: readonly RegisterKey[]) => keys.map((k) => labelOfPath('organisation', k)).join(', ');

/**
 * Plans and (unless `dryRun`) writes the import. Throws SireneImportError, writing nothing, on a stock older
 * than the newest already imported.
 */
export async function importSireneSelection(
	sql: SqlClient,
	selection: SireneSelection,
	opts: { dryRun?: boolean; now?: Date } = {}
): Promise<SireneImportReport> {
	const now = opts.now ?? new Date();
	const stock = selection.stockDate;
	const report: SireneImportReport = {
		stockDate: stock,
		dryRun: opts.dryRun ?? false,
		counts: {
			new: 0,
			possibleDuplicates: 0,
			enriched: 0,
			updated: 0,
			confirmed: 0,
			unchanged: 0,
			restored: 0,
			archived: 0,
			rejected: 0
		},
		duplicates: [],
		archivedRecords: [],
		rejectedRecords: [],
		curatedToCheck: []
	};

	const run = async (tx: SqlClient) => {
		const all = await listRecords(tx, 'organisation', { status: 'any' });
		const newest = all.reduce((m, r) => (r.sireneStock && r.sireneStock > m ? r.sireneStock : m), '');
		if (newest > stock)
			throw new SireneImportError(
				`le stock du ${stock} est plus ancien que le dernier importé (${newest}) : rien n’a été importé`
			);
		if (stock > todayIso(now))
			throw new SireneImportError(`la date du stock (${stock}) est dans le futur : rien n’a été importé`);

		const communes = new Map((await listCommunes(tx)).map((c) => [c.code, c]));
		const refs = await refContext(tx);
		const bySiret = new Map<string, Stored<Organisation>[]>();
		for (const r of all) if (r.siret) bySiret.set(r.siret, [...(bySiret.get(r.siret) ?? []), r]);
		const slugs = new Set(all.map((r) => r.slug));
		const writes: Write[] = [];
		const created: Organisation[] = [];
		const createdNotes = new Map<string, string>();

		const check = (record: unknown): { ok: true; record: Organisation } | { ok: false; message: string } => {
			const parsed = organisationSchema.safeParse(record);
			if (!parsed.success) {
				const issue = parsed.error.issues[0];
				const path = issue.path.join('.');
				return { ok: false, message: `${labelOfPath('organisation', path)} : ${issue.message}` };
			}
			const ref = checkRefs(parsed.data, { ...refs, now });
			if (ref.length)
				return { ok: false, message: `${labelOfPath('organisation', ref[0].field)} : ${ref[0].message}` };
			return { ok: true, record: parsed.data };
		};
		const reject = (siret: string, message: string) => {
			report.counts.rejected++;
			report.rejectedRecords.push({ siret, message });
		};
		const previousOf = async (id: string) => {
			const last = await lastWrittenBy(tx, id, SIRENE_ACTOR);
			return last ? registerValuesOf(last.data) : undefined;
		};

		for (const e of selection.establishments) {
			const commune = communes.get(e.commune.code);
			if (!commune) {
				reject(e.siret, `commune ${e.commune.code} inconnue de la base`);
				continue;
			}
			const next = registerValues(e, commune);
			const existing = bySiret.get(e.siret) ?? [];
			const own = existing.find((r) => r.id === sireneRecordId(e.siret));
			const curated = existing.filter((r) => r.origin !== 'sirene' && r.status !== 'archived');
			let touched = false;

			for (const c of curated) {
				const merged = mergeRegister(without(c), next, await previousOf(c.id));
				if (merged.changed.length === 0) continue;
				const checked = check(withSireneSource({ ...merged.record, sireneStock: stock }, stock));
				if (!checked.ok) {
					reject(e.siret, `${c.name} (${c.id}) : ${checked.message}`);
					continue;
				}
				writes.push({
					type: 'update',
					record: checked.record,
					version: c.version,
					action: 'sirene-update',
					note: `import SIRENE, stock du ${stock} : ${labels(merged.changed)} repris du répertoire`
				});
				report.counts.enriched++;
				touched = true;
			}

			if (own) {
				const last = own.status === 'archived' ? await latestEntry(tx, own.id) : undefined;
				if (last && last.action !== 'sirene-archive') {
					// Archived by a person (a merge, a decision): the register does not undo it.
					if (!touched) report.counts.unchanged++;
					continue;
				}
				const restoring = last !== undefined;
				// Back to what it was before the register archived it (a draft stays a draft).
				const before = last ? (await versionOf(tx, own.id, last.version - 1))?.status : undefined;
				const merged = mergeRegister(without(own), next, await previousOf(own.id));
				const newer = (own.sireneStock ?? '') < stock;
				if (merged.changed.length === 0 && !newer && !restoring) {
					if (!touched) report.counts.unchanged++;
					continue;
				}
				const record = withSireneSource(
					{
						...merged.record,
						sireneStock: stock,
						lastVerified: own.lastVerified > stock ? own.lastVerified : stock,
						...(restoring
							? {
									status: before === 'draft' ? ('draft' as const) : ('published' as const),
									caveats: own.caveats.filter((c) => !c.startsWith(ARCHIVE_MARK))
								}
							: {})
					},
					stock
				);
				const checked = check(record);
				if (!checked.ok) {
					reject(e.siret, checked.message);
					continue;
				}
				const what = merged.changed.length ? `${labels(merged.changed)} mis à jour` : 'inchangée';
				writes.push({
					type: 'update',
					record: checked.record,
					version: own.version,
					action: restoring || merged.changed.length ? 'sirene-update' : 'sirene-confirm',
					note: restoring
						? `de retour dans le stock SIRENE du ${stock} : ${before === 'draft' ? 'remise en brouillon' : 'republiée'} (${what})`
						: `import SIRENE, stock du ${stock} : ${what}`
				});
				if (restoring) report.counts.restored++;
				else if (merged.changed.length) report.counts.updated++;
				else report.counts.confirmed++;
				continue;
			}
			if (curated.length > 0 || existing.some((r) => r.origin !== 'sirene')) {
				// A curated record holds this SIRET (archived ones too): the register adds no second record.
				if (!touched) report.counts.unchanged++;
				continue;
			}

			const draft = sireneRecord(e, commune);
			let slug = draft.slug;
			if (slugs.has(slug)) slug = `${draft.slug.slice(0, 94)}-${e.siret.slice(9)}`;
			if (slugs.has(slug)) slug = `${draft.slug.slice(0, 85)}-${e.siret}`;
			const checked = check({ ...draft, slug });
			if (!checked.ok) {
				reject(e.siret, checked.message);
				continue;
			}
			slugs.add(slug);
			created.push(checked.record);
			createdNotes.set(checked.record.id, `créée d’après le répertoire SIRENE, stock du ${stock}`);
		}

		// Close names within 200 m of a curated record that has no SIRET: the workspace's duplicate detection,
		// run on each new record and the curated records around it (all the new records at once would
		// compare thousands of them with each other, which the workspace does not need from the import).
		const curatedNoSiret = all.filter((r) => r.origin !== 'sirene' && !r.siret && r.status !== 'archived');
		const near = nearbyIndex(curatedNoSiret.map(without));
		for (const r of created) {
			const around = near(r);
			if (around.length === 0) continue;
			const pair = findDuplicates([...around, r]).find((p) => p.a.id === r.id || p.b.id === r.id);
			if (!pair) continue;
			const other = pair.a.id === r.id ? pair.b : pair.a;
			report.counts.possibleDuplicates++;
			r.status = 'draft';
			createdNotes.set(
				r.id,
				`créée d’après le répertoire SIRENE, stock du ${stock}, en brouillon : doublon possible de « ${other.name} » (${other.id}), à examiner dans Doublons`
			);
			report.duplicates.push({
				id: r.id,
				name: r.name,
				otherId: other.id,
				otherName: other.name,
				similarity: Math.round(pair.similarity * 100),
				distanceM: pair.distanceM
			});
		}
		for (const r of created) {
			if (r.status === 'published') report.counts.new++;
			writes.push({ type: 'insert', record: r, note: createdNotes.get(r.id)! });
		}

		// Records the register created that left the selection: archived with the reason.
		const kept = new Set(selection.establishments.map((e) => e.siret));
		for (const r of all) {
			if (!r.siret || kept.has(r.siret)) continue;
			const why: WatchedReason | 'absent' = selection.watched.get(r.siret) ?? 'absent';
			if (r.origin !== 'sirene') {
				if (r.status !== 'archived' && why !== 'absent')
					report.curatedToCheck.push({ id: r.id, name: r.name, reason: archiveReason(why, stock) });
				continue;
			}
			if (r.status === 'archived') continue;
			const reason = archiveReason(why, stock);
			const record = {
				...without(r),
				status: 'archived' as const,
				caveats: [...r.caveats, `${ARCHIVE_MARK} : ${reason}.`].slice(-20)
			};
			writes.push({
				type: 'update',
				record,
				version: r.version,
				action: 'sirene-archive',
				note: `archivée : ${reason}`
			});
			report.counts.archived++;
			report.archivedRecords.push({ id: r.id, name: r.name, reason });
		}

		if (opts.dryRun) return;
		for (const w of writes) {
			if (w.type === 'insert') {
				await insertRecord(tx, w.record, { now, action: 'sirene-create', by: SIRENE_ACTOR, note: w.note });
				continue;
			}
			const res = await updateRecord(tx, w.record, {
				expectedVersion: w.version,
				by: SIRENE_ACTOR,
				action: w.action,
				note: w.note,
				now
			});
			// The plan was made inside this same write transaction: a version cannot have moved.
			if (!res.ok) throw new SireneImportError(`la fiche ${w.record.id} a changé pendant l’import`);
		}
	};

	// One write transaction: the store's other writers wait while the plan is made and written (on PostgreSQL
	// a record changed by another instance meanwhile fails its version check and undoes the whole import).
	await sql.transaction(run);
	return report;
}
