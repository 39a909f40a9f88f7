/**
 * Moderation of public proposals: each is shown as a diff against the current record (or as a new record),
 * then approved as is, approved after editing (the record form, prefilled), or rejected with a reason.
 * Approving writes the record and decides the proposal in one transaction. Which proposal field goes where
 * in a record comes from the record fields' metadata (src/lib/domain/proposal.ts).
 */
import { z } from 'zod';
import { todayIso } from '$lib/domain/today';
import { labelOfPath } from '$lib/domain/fields';
import {
	applyChanges,
	changeProposalSchema,
	initiativeProposalSchema,
	eventProposalSchema,
	organisationProposalSchema,
	placeProposalSchema,
	proposalDraft
} from '$lib/domain/proposal';
import type { PublicRecord, PublicRecordInput, RecordKind } from '$lib/domain/records';
import { describeResemblance, resemblance } from '$lib/geo/resemblance';
import type { FieldChange } from '$lib/io/diff';
import { route } from '$lib/links';
import { slugify } from '$lib/io/slug';
import type { SqlClient } from '../db/sql';
import { allRecords } from '../db/admin';
import {
	decideProposal,
	getProposal,
	listProposals,
	setProposalRecord,
	type Proposal
} from '../db/proposals';
import { getRecordById, insertRecord, listHistory, updateRecord, type Stored } from '../db/records';
import { userNames } from '../db/users';
import type { ValueLabels } from '$lib/domain/value-labels';
import { valueLabels } from './context';
import { labelledDiff } from './diffs';
import { resembling } from './duplicates';
import { ProposalAlreadyDecided, validateRecord, withoutVersion, type Actor } from './records';

export { applyChanges };

/** A unique id from the name: `name`, then `name-2`... */
function freeId(name: string, taken: (id: string) => boolean): string {
	const base = slugify(name);
	for (let n = 1; ; n++) {
		const id = n === 1 ? base : `${base.slice(0, 75)}-${n}`;
		if (!taken(id)) return id;
	}
}

const NEW_RECORD = {
	'new-organisation': { kind: 'organisation', schema: organisationProposalSchema },
	'new-initiative': { kind: 'initiative', schema: initiativeProposalSchema },
	'new-place': { kind: 'place', schema: placeProposalSchema },
	'new-event': { kind: 'event', schema: eventProposalSchema }
} as const;

/**
 * The record a new-structure, new-initiative or new-place proposal would create. Visitors' facts are unverified, so
 * confidence is low; the proposal itself is the source, dated the day it was received. Proposed
 * structures and initiatives are counted in the ESS (a maintainer unticks it when they are not). Its id is the first free one from the
 * name, or `id` when given: once approved, the record created has taken the name's id, and deriving it
 * again would give the next free one (`name-2`), a record that does not exist.
 */
export function proposalToRecord(
	proposal: Proposal,
	taken: (id: string) => boolean,
	now = new Date(),
	id?: string
): { ok: true; record: PublicRecordInput } | { ok: false; message: string } {
	if (proposal.type === 'change')
		return { ok: false, message: 'ce n’est pas une proposition de nouvelle fiche' };
	const { kind, schema } = NEW_RECORD[proposal.type];
	const parsed = schema.safeParse(proposal.payload);
	if (!parsed.success) return { ok: false, message: 'contenu de la proposition illisible' };
	const name = String(parsed.data.name);
	const recordId = id ?? freeId(name, taken);
	const received = proposal.createdAt.slice(0, 10);
	return {
		ok: true,
		record: proposalDraft(kind, parsed.data, {
			id: recordId,
			slug: recordId,
			status: 'published',
			sources: [{ reference: `Proposition publique ${proposal.id}`, seen: received }],
			lastVerified: todayIso(now),
			confidence: 'low',
			caveats: [],
			// Places and events have no ESS flag: a place is listed for what it offers, an event's organisers carry it.
			...(kind === 'place' || kind === 'event' ? {} : { isEss: true })
		})
	};
}

/** A record or another pending proposal that the proposal resembles, with why and where to look. */
export interface Resembles {
	type: 'record' | 'proposal';
	id: string;
	name: string;
	href: string;
	why: string;
}

/** The record an approval wrote, and what it wrote. */
export interface Approval {
	record: { id: string; kind: RecordKind; name: string; status: string; publicPath: string | null };
	/** The version the approval made, and its changes from the version before (all fields for a creation). */
	version?: number;
	created: boolean;
	diff: FieldChange[];
}

export interface ProposalView {
	proposal: Proposal;
	decidedByName: string | null;
	target?: Stored<PublicRecord>;
	/** The record as it would be after approval (new record, or target with the changes), unvalidated. */
	proposed?: PublicRecordInput;
	explanation?: string;
	diff: FieldChange[];
	/** Why it cannot be approved as is (the maintainer can still edit, then approve). */
	problems: string[];
	/** For a pending proposal: existing records and other pending proposals it looks like. */
	resembles: Resembles[];
	/** For an approved proposal: the record created or updated. */
	approval?: Approval;
}

const noteOf = (id: string) => `proposition ${id} approuvée`;

async function approvalOf(
	sql: SqlClient,
	proposal: Proposal,
	labels: ValueLabels
): Promise<Approval | undefined> {
	const recordId = proposal.recordId ?? proposal.targetId;
	const record = recordId ? await getRecordById(sql, recordId) : undefined;
	if (!record) return undefined;
	const history = await listHistory(sql, record.id);
	const i = history.findIndex((h) => h.action === 'proposal' && !!h.note?.startsWith(noteOf(proposal.id)));
	const entry = history[i];
	return {
		record: {
			id: record.id,
			kind: record.kind,
			name: record.name,
			status: record.status,
			publicPath: record.status === 'published' ? route.record(record) : null
		},
		version: entry?.version,
		created: !!entry && !history[i + 1],
		diff: entry ? labelledDiff(labels, history[i + 1]?.data, entry.data) : []
	};
}

/** Records and other pending proposals a pending proposal resembles (the duplicate list's rule). */
async function resemblancesOf(
	sql: SqlClient,
	view: ProposalView,
	records: PublicRecord[]
): Promise<Resembles[]> {
	if (!view.proposed) return [];
	const mine = resembling(view.proposed);
	const out: Resembles[] = [];
	for (const r of records) {
		if (r.status === 'archived' || r.id === view.target?.id) continue;
		const found = resemblance(mine, resembling(r));
		if (found)
			out.push({
				type: 'record',
				id: r.id,
				name: r.name,
				href: route.adminRecord(r.id),
				why: describeResemblance(found)
			});
	}
	for (const p of await listProposals(sql, { status: 'pending' })) {
		if (p.id === view.proposal.id) continue;
		const href = route.adminProposal(p.id);
		if (p.type === 'change') {
			if (view.target && p.targetId === view.target.id)
				out.push({ type: 'proposal', id: p.id, name: view.target.name, href, why: 'corrige la même fiche' });
			continue;
		}
		const draft = proposalToRecord(p, () => false);
		if (!draft.ok) continue;
		const found = resemblance(mine, resembling(draft.record));
		if (found)
			out.push({
				type: 'proposal',
				id: p.id,
				name: draft.record.name,
				href,
				why: describeResemblance(found)
			});
	}
	return out;
}

export async function proposalView(
	sql: SqlClient,
	id: string,
	now = new Date()
): Promise<ProposalView | undefined> {
	const proposal = await getProposal(sql, id);
	if (!proposal) return undefined;
	const names = await userNames(sql);
	const records = await allRecords(sql);
	const ids = new Set(records.map((r) => r.id));
	const labels = await valueLabels(sql, records);
	const pending = proposal.status === 'pending';
	const view: ProposalView = {
		proposal,
		decidedByName: proposal.decidedBy ? (names.get(proposal.decidedBy) ?? proposal.decidedBy) : null,
		diff: [],
		problems: [],
		resembles: []
	};
	if (proposal.status === 'approved') view.approval = await approvalOf(sql, proposal, labels);
	if (proposal.type === 'change') {
		const p = changeProposalSchema.safeParse(proposal.payload);
		if (!p.success) {
			view.problems.push('contenu de la proposition illisible');
			return view;
		}
		view.explanation = p.data.explanation;
		const target = await getRecordById(sql, p.data.targetId);
		if (!target) {
			if (pending) view.problems.push(`la fiche « ${p.data.targetId} » n’existe plus`);
			return view;
		}
		view.target = target;
		view.proposed = applyChanges(withoutVersion(target), p.data.changes);
		view.diff = labelledDiff(labels, withoutVersion(target), view.proposed);
		if (view.diff.length === 0 && pending) view.problems.push('la fiche contient déjà ces valeurs');
	} else {
		const draft = proposalToRecord(proposal, (x) => ids.has(x), now, view.approval?.record.id);
		if (!draft.ok) {
			view.problems.push(draft.message);
			return view;
		}
		view.proposed = draft.record;
		view.diff = labelledDiff(labels, undefined, draft.record);
	}
	if (view.proposed && pending) {
		const checked = await validateRecord(sql, view.proposed);
		if (!checked.ok)
			view.problems.push(
				...Object.entries(checked.errors).map(
					([field, message]) => `${labelOfPath(view.proposed?.kind, field)} : ${message}`
				)
			);
		view.resembles = await resemblancesOf(sql, view, records);
	}
	return view;
}

export type DecisionResult = { ok: true; recordId?: string } | { ok: false; message: string };

class StaleTarget extends Error {}

/**
 * Approves as is. For a change, `expectedVersion` is the target's version the moderator saw: if the record
 * changed since, nothing is written and the moderator sees the new diff.
 */
export async function approveProposal(
	sql: SqlClient,
	id: string,
	expectedVersion: number | undefined,
	actor: Actor
): Promise<DecisionResult> {
	const view = await proposalView(sql, id);
	if (!view) return { ok: false, message: 'proposition introuvable' };
	if (view.proposal.status !== 'pending')
		return { ok: false, message: 'cette proposition a déjà été traitée' };
	if (!view.proposed || view.problems.length)
		return {
			ok: false,
			message: `approbation impossible en l’état : ${view.problems.join(' ; ')}. Utilisez « Modifier puis approuver ».`
		};
	const checked = await validateRecord(sql, view.proposed);
	if (!checked.ok) return { ok: false, message: 'la fiche proposée n’est pas valide' };
	const record = checked.record;
	const note = noteOf(id);
	try {
		// The decision is taken by decideProposal's conditional UPDATE: of two moderators approving or
		// refusing at once, on one instance or two, one decides and the other is told it was decided.
		await sql.transaction(async (tx) => {
			if (!(await decideProposal(tx, id, { status: 'approved', by: actor.id })))
				throw new ProposalAlreadyDecided();
			await setProposalRecord(tx, id, record.id);
			if (!view.target) {
				await insertRecord(tx, record, { by: actor.id, action: 'proposal', note });
				return;
			}
			if (expectedVersion !== view.target.version) throw new StaleTarget();
			const res = await updateRecord(tx, record, { expectedVersion, by: actor.id, action: 'proposal', note });
			if (!res.ok) throw new StaleTarget();
		});
	} catch (e) {
		if (e instanceof ProposalAlreadyDecided) return { ok: false, message: e.message };
		if (e instanceof StaleTarget)
			return {
				ok: false,
				message:
					'la fiche a été modifiée depuis l’affichage de cette proposition : vérifiez la différence ci-dessous et recommencez'
			};
		throw e;
	}
	return { ok: true, recordId: record.id };
}

export const rejectSchema = z.object({
	reason: z
		.string({ error: 'indiquez la raison du refus' })
		.trim()
		.min(3, { error: 'indiquez la raison du refus (3 caractères au moins)' })
		.max(2000, { error: 'raison trop longue (2 000 caractères au plus)' })
});

export async function rejectProposal(
	sql: SqlClient,
	id: string,
	reason: unknown,
	actor: Actor
): Promise<DecisionResult & { field?: string }> {
	const parsed = rejectSchema.safeParse({ reason });
	if (!parsed.success) return { ok: false, message: parsed.error.issues[0].message, field: 'reason' };
	const proposal = await getProposal(sql, id);
	if (!proposal) return { ok: false, message: 'proposition introuvable' };
	if (!(await decideProposal(sql, id, { status: 'rejected', by: actor.id, reason: parsed.data.reason })))
		return { ok: false, message: 'cette proposition a déjà été traitée' };
	return { ok: true };
}
