/**
 * Editing records from /admin: every write validates with the kind's zod schema and the cross-checks of
 * io/refs.ts, and goes through updateRecord's optimistic concurrency (a stale version writes nothing and
 * returns the current record so the maintainer sees both). Nothing here overwrites silently, on one
 * instance or several over one PostgreSQL: the version is checked by the UPDATE itself.
 */
import type { z } from 'zod';
import { todayIso } from '$lib/domain/today';
import { zodErrors, type FieldErrors } from '$lib/domain/errors';
import { RECORD_SCHEMAS, type PublicRecord, type RecordKind } from '$lib/domain/records';
import type { FieldChange } from '$lib/io/diff';
import { checkRefs } from '$lib/io/refs';
import { formToRecord, rawToForm, recordToForm, type FormState } from '$lib/io/record-form';
import type { FormRaw } from '$lib/io/cells';
import { decideProposal, setProposalRecord } from '../db/proposals';
import { perform, type Conn, type Out, type Query } from '../db/query';
import {
	getRecordById,
	insertRecord,
	listHistory,
	recordBySlug,
	updateRecord,
	type HistoryEntry,
	type Stored,
	type UpdateResult
} from '../db/records';
import type { SqlClient } from '../db/sql';
import { isUniqueViolation, userNames } from '../db/users';
import { refContextRows, valueLabels } from './context';
import { labelledDiff } from './diffs';

export interface Actor {
	id: string;
	name: string;
}

export type Conflict = {
	mine: PublicRecord;
	theirs: Stored<PublicRecord>;
	/** Fields where the saved version and the submitted one differ. */
	diff: FieldChange[];
	theirsBy: string;
	theirsAt: string;
};

export type SaveResult =
	| { ok: true; id: string; version: number }
	| { ok: false; kind: 'invalid'; errors: FieldErrors; form: FormState }
	| { ok: false; kind: 'conflict'; conflict: Conflict; form: FormState }
	| { ok: false; kind: 'missing' };

function withoutVersion(r: Stored<PublicRecord>): PublicRecord {
	const { version: _version, ...rest } = r;
	return rest as PublicRecord;
}

/** Problems the schema cannot see: unknown commune, links, a slug taken by another record. */
function* crossCheck(record: PublicRecord): Query<FieldErrors> {
	const errors: FieldErrors = {};
	for (const e of checkRefs(record, yield* refContextRows())) errors[e.field] ??= e.message;
	const owner = yield* recordBySlug(record.kind, record.slug);
	if (owner && owner.id !== record.id) errors.slug = `slug déjà utilisé par « ${owner.name} »`;
	return errors;
}

/** On either connection: the moderation still validates through the synchronous one. */
export function validateRecord<C extends Conn>(
	conn: C,
	record: unknown
): Out<C, { ok: true; record: PublicRecord } | { ok: false; errors: FieldErrors }> {
	return perform(
		conn,
		(function* (): Query<{ ok: true; record: PublicRecord } | { ok: false; errors: FieldErrors }> {
			const kind = (record as { kind?: string } | null)?.kind as RecordKind;
			const schema = RECORD_SCHEMAS[kind] as z.ZodType<PublicRecord> | undefined;
			if (!schema) return { ok: false, errors: { _form: 'type de fiche inconnu' } };
			const parsed = schema.safeParse(record);
			if (!parsed.success) return { ok: false, errors: zodErrors(parsed.error) };
			const errors = yield* crossCheck(parsed.data);
			return Object.keys(errors).length ? { ok: false, errors } : { ok: true, record: parsed.data };
		})()
	);
}

async function lastChange(sql: SqlClient, id: string): Promise<{ by: string; at: string }> {
	const last = (await listHistory(sql, id))[0];
	const names = await userNames(sql);
	return {
		by: last?.changedBy ? (names.get(last.changedBy) ?? 'un autre compte') : 'l’import initial',
		at: last?.changedAt ?? ''
	};
}

/** Writes a validated record over `expectedVersion`, or reports the conflict with both versions. */
async function write(
	sql: SqlClient,
	record: PublicRecord,
	expectedVersion: number,
	actor: Actor,
	form: FormState,
	opts: { action?: string; note?: string | null; proposalId?: string } = {}
): Promise<SaveResult> {
	let result: UpdateResult<PublicRecord> | undefined;
	try {
		result = await sql.transaction(async (tx) => {
			const written = await updateRecord(tx, record, {
				expectedVersion,
				by: actor.id,
				action: opts.action ?? 'update',
				note: opts.note ?? null
			});
			if (written.ok && opts.proposalId) {
				// Approving and writing are one step: a proposal decided meanwhile undoes the write.
				if (!(await decideProposal(tx, opts.proposalId, { status: 'approved', by: actor.id })))
					throw new ProposalAlreadyDecided();
				await setProposalRecord(tx, opts.proposalId, record.id);
			}
			return written;
		});
	} catch (e) {
		if (e instanceof ProposalAlreadyDecided)
			return { ok: false, kind: 'invalid', errors: { _form: e.message }, form };
		throw e;
	}
	if (result.ok) return { ok: true, id: record.id, version: result.version };
	if (!result.current) return { ok: false, kind: 'missing' };
	const theirs = result.current;
	const who = await lastChange(sql, record.id);
	return {
		ok: false,
		kind: 'conflict',
		form,
		conflict: {
			mine: record,
			theirs,
			diff: labelledDiff(await valueLabels(sql), withoutVersion(theirs), record),
			theirsBy: who.by,
			theirsAt: who.at
		}
	};
}

export class ProposalAlreadyDecided extends Error {
	constructor() {
		super('cette proposition a déjà été traitée');
	}
}

/** Saves the edit form. `expectedVersion` is the version the form was opened on. */
export async function saveFromForm(
	sql: SqlClient,
	id: string,
	raw: FormRaw,
	expectedVersion: number,
	actor: Actor,
	opts: { proposalId?: string } = {}
): Promise<SaveResult> {
	const current = await getRecordById(sql, id);
	if (!current) return { ok: false, kind: 'missing' };
	const form = rawToForm(current.kind, raw);
	const parsed = formToRecord(current.kind, raw, current);
	if (!parsed.ok) return { ok: false, kind: 'invalid', errors: parsed.errors, form };
	const errors = await perform(sql, crossCheck(parsed.record));
	if (Object.keys(errors).length) return { ok: false, kind: 'invalid', errors, form };
	return write(sql, parsed.record, expectedVersion, actor, form, {
		proposalId: opts.proposalId,
		action: opts.proposalId ? 'proposal' : 'update',
		note: opts.proposalId ? `proposition ${opts.proposalId} approuvée après modification` : null
	});
}

/**
 * "Keep my version" on the conflict screen: the submitted record, re-validated, over the version now shown.
 * When the form was approving a proposal, saving still approves it, in the same transaction.
 */
export async function overwriteAfterConflict(
	sql: SqlClient,
	id: string,
	mineJson: string,
	expectedVersion: number,
	actor: Actor,
	opts: { proposalId?: string } = {}
): Promise<SaveResult> {
	let mine: unknown;
	try {
		mine = JSON.parse(mineJson);
	} catch {
		return {
			ok: false,
			kind: 'invalid',
			errors: { _form: 'version illisible : recommencez la modification' },
			form: { values: {}, sources: [] }
		};
	}
	const current = await getRecordById(sql, id);
	if (!current) return { ok: false, kind: 'missing' };
	const checked = await validateRecord(sql, { ...(mine as object), id, kind: current.kind });
	const form = recordToForm(checked.ok ? checked.record : current);
	if (!checked.ok) return { ok: false, kind: 'invalid', errors: checked.errors, form };
	return write(sql, checked.record, expectedVersion, actor, form, {
		proposalId: opts.proposalId,
		action: opts.proposalId ? 'proposal' : 'update',
		note: opts.proposalId
			? `proposition ${opts.proposalId} approuvée après modification, en connaissance de la version concurrente`
			: 'version enregistrée après un conflit, en connaissance de la version concurrente'
	});
}

export type CreateResult = { ok: true; id: string } | { ok: false; errors: FieldErrors; form: FormState };

export async function createFromForm(
	sql: SqlClient,
	kind: RecordKind,
	raw: FormRaw,
	actor: Actor,
	opts: { proposalId?: string } = {}
): Promise<CreateResult> {
	const form = rawToForm(kind, raw);
	const parsed = formToRecord(kind, raw);
	if (!parsed.ok) return { ok: false, errors: parsed.errors, form };
	const errors = await perform(sql, crossCheck(parsed.record));
	if (await getRecordById(sql, parsed.record.id))
		errors.id = `identifiant « ${parsed.record.id} » déjà utilisé : choisissez-en un autre`;
	if (Object.keys(errors).length) return { ok: false, errors, form };
	try {
		await sql.transaction(async (tx) => {
			await insertRecord(tx, parsed.record, {
				by: actor.id,
				action: opts.proposalId ? 'proposal' : 'create',
				note: opts.proposalId ? `proposition ${opts.proposalId} approuvée` : null
			});
			if (opts.proposalId) {
				if (!(await decideProposal(tx, opts.proposalId, { status: 'approved', by: actor.id })))
					throw new ProposalAlreadyDecided();
				await setProposalRecord(tx, opts.proposalId, parsed.record.id);
			}
		});
	} catch (e) {
		if (e instanceof ProposalAlreadyDecided) return { ok: false, errors: { _form: e.message }, form };
		if (isUniqueViolation(e))
			return { ok: false, errors: { id: 'identifiant ou slug déjà utilisé (enregistré entre-temps)' }, form };
		throw e;
	}
	return { ok: true, id: parsed.record.id };
}

/** Publish, unpublish (draft) or archive: a new version with only the status changed. */
export async function setStatus(
	sql: SqlClient,
	id: string,
	status: PublicRecord['status'],
	expectedVersion: number,
	actor: Actor
): Promise<SaveResult> {
	const current = await getRecordById(sql, id);
	if (!current) return { ok: false, kind: 'missing' };
	const record = { ...withoutVersion(current), status } as PublicRecord;
	const action = status === 'archived' ? 'archive' : status === 'published' ? 'publish' : 'unpublish';
	return write(sql, record, expectedVersion, actor, recordToForm(record), { action });
}

/** « Toujours exact » : the record was checked today; only lastVerified changes. */
export async function markVerified(
	sql: SqlClient,
	id: string,
	expectedVersion: number,
	actor: Actor,
	now = new Date()
): Promise<SaveResult> {
	const current = await getRecordById(sql, id);
	if (!current) return { ok: false, kind: 'missing' };
	const record = { ...withoutVersion(current), lastVerified: todayIso(now) } as PublicRecord;
	return write(sql, record, expectedVersion, actor, recordToForm(record), {
		action: 'verify',
		note: 'vérifiée : toujours exacte'
	});
}

/** Restoring makes a new version equal to the old one (history is never rewritten). */
export async function restoreVersion(
	sql: SqlClient,
	id: string,
	version: number,
	expectedVersion: number,
	actor: Actor
): Promise<SaveResult | { ok: false; kind: 'invalid-old'; errors: FieldErrors }> {
	const old = (await listHistory(sql, id)).find((h) => h.version === version);
	if (!old) return { ok: false, kind: 'missing' };
	const checked = await validateRecord(sql, old.data);
	if (!checked.ok) return { ok: false, kind: 'invalid-old', errors: checked.errors };
	return write(sql, checked.record, expectedVersion, actor, recordToForm(checked.record), {
		action: 'restore',
		note: `version ${version} restaurée`
	});
}

export interface HistoryView {
	entry: HistoryEntry;
	by: string;
	/** Changes from the previous version (all fields for the first one). */
	changes: FieldChange[];
}

export async function historyView(sql: SqlClient, id: string): Promise<HistoryView[]> {
	const entries = await listHistory(sql, id);
	const names = await userNames(sql);
	const labels = await valueLabels(sql);
	return entries.map((entry, i) => ({
		entry,
		by: entry.changedBy ? (names.get(entry.changedBy) ?? entry.changedBy) : 'import initial (data/)',
		changes: labelledDiff(labels, entries[i + 1]?.data, entry.data)
	}));
}

export { withoutVersion };
