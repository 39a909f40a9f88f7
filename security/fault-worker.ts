/**
 * The child process of faults.test.ts: seeds a store file, or runs one kind of write (approvals, merges,
 * restores) on it in a loop, printing « ok <n> » after each, until the test kills it with SIGKILL.
 *
 *   node --import tsx security/fault-worker.ts seed|run <approve|merge|restore> <database> <count>
 */
import { organisationSchema } from '$lib/domain/records';
import { organisationFixture } from '$lib/domain/test-fixtures';
import { mergeDuplicates } from '$lib/server/admin/duplicates';
import { approveProposal } from '$lib/server/admin/moderation';
import { restoreVersion } from '$lib/server/admin/records';
import { testStore } from '$lib/server/admin/test-store';
import { openDatabase } from '$lib/server/db/connection';
import { sqliteClient } from '$lib/server/db/sql';
import { createProposal, listProposals } from '$lib/server/db/proposals';
import { getRecordById, insertRecord, updateRecord } from '$lib/server/db/records';

const [mode, op, path, countArg] = process.argv.slice(2);
const count = Number(countArg);
const actor = { id: 'u-faute', name: 'Test de pannes' };

const org = (id: string, name: string, extra: Record<string, unknown> = {}) =>
	organisationSchema.parse(organisationFixture({ id, slug: id, name, ...extra }));

function seed() {
	const db = testStore([], path);
	db.transaction(() => {
		for (let i = 0; i < count; i++) {
			if (op === 'approve')
				createProposal(db, {
					type: 'new-organisation',
					payload: {
						name: `Structure proposée numéro ${i}`,
						description: 'Une structure proposée pendant le test des pannes.',
						legalForm: 'association-declaree',
						roles: ['acteur'],
						sectors: ['reemploi'],
						thematiques: ['finance-solidaire'],
						place: {
							communeCode: '67482',
							quartierCode: 'SQ_10',
							locationMode: 'quartier',
							lon: 7.78,
							lat: 48.55,
							precision: 'quartier'
						}
					}
				});
			else if (op === 'merge') {
				insertRecord(db, org(`garder-${i}`, `Atelier gardé ${i}`));
				insertRecord(db, org(`doublon-${i}`, `Atelier doublon ${i}`, { foundedYear: 2001 }));
				insertRecord(db, org(`antenne-${i}`, `Antenne ${i}`, { parentId: `doublon-${i}` }));
			} else {
				const r = org(`fiche-${i}`, `Fiche ${i}`);
				insertRecord(db, r);
				updateRecord(db, { ...r, name: `Fiche ${i} modifiée` }, { expectedVersion: 1, action: 'edit' });
			}
		}
	})();
	db.close();
}

async function run() {
	const db = openDatabase(path);
	const sql = sqliteClient(db);
	console.log('go');
	if (op === 'approve') {
		const pending = listProposals(db, { status: 'pending' });
		for (const [n, p] of pending.entries()) {
			const r = await approveProposal(sqliteClient(db), p.id, undefined, actor);
			if (!r.ok) throw new Error(r.message);
			console.log(`ok ${n}`);
		}
	} else
		for (let i = 0; i < count; i++) {
			if (op === 'merge') {
				const keep = getRecordById(db, `garder-${i}`)!;
				const drop = getRecordById(db, `doublon-${i}`)!;
				if (drop.status === 'archived') continue;
				const r = await mergeDuplicates(
					sql,
					keep.id,
					drop.id,
					{ keep: keep.version, drop: drop.version },
					actor
				);
				if (!r.ok) throw new Error(r.message);
			} else {
				const current = getRecordById(db, `fiche-${i}`)!;
				if (current.version > 2) continue;
				const r = await restoreVersion(sql, current.id, 1, current.version, actor);
				if (!r.ok) throw new Error(JSON.stringify(r));
			}
			console.log(`ok ${i}`);
		}
	console.log('fini');
}

if (mode === 'seed') seed();
else await run();
