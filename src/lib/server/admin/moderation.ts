/**
 * Moderation of public proposals: each is shown as a diff against the current record (or as a new record),
 * then approved as is, approved after editing (the record form, prefilled), or rejected with a reason.
 * Approving writes the record and decides the proposal in one transaction. Which proposal field goes where
 * in a record comes from the record fields' metadata (src/lib/domain/proposal.ts).
 */
import { z } from 'zod';
import { todayIso } from '$lib/domain/common';
import {
	applyChanges,
	changeProposalSchema,
	initiativeProposalSchema,
	organisationProposalSchema,
	proposalDraft
} from '$lib/domain/proposal';
import type { PublicRecord, PublicRecordInput } from '$lib/domain/records';
import { diffRecords, type FieldChange } from '$lib/io/diff';
import { slugify } from '$lib/io/slug';
import type { Db } from '../db/connection';
import { decideProposal, getProposal, type Proposal } from '../db/proposals';
import { getRecordById, insertRecord, updateRecord, type Stored } from '../db/records';
import { userNames } from '../db/users';
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
	'new-initiative': { kind: 'initiative', schema: initiativeProposalSchema }
} as const;

/**
 * The record a new-structure or new-initiative proposal would create. Visitors' facts are unverified, so
 * confidence is low; the proposal itself is the source, dated the day it was received. Proposed records
 * are counted in the ESS (a maintainer unticks it when they are not).
 */
export function proposalToRecord(
	proposal: Proposal,
	taken: (id: string) => boolean,
	now = new Date()
): { ok: true; record: PublicRecordInput } | { ok: false; message: string } {
	if (proposal.type === 'change')
		return { ok: false, message: 'ce n’est pas une proposition de nouvelle fiche' };
	const { kind, schema } = NEW_RECORD[proposal.type];
	const parsed = schema.safeParse(proposal.payload);
	if (!parsed.success) return { ok: false, message: 'contenu de la proposition illisible' };
	const name = String(parsed.data.name);
	const id = freeId(name, taken);
	const received = proposal.createdAt.slice(0, 10);
	return {
		ok: true,
		record: proposalDraft(kind, parsed.data, {
			id,
			slug: id,
			status: 'published',
			sources: [{ reference: `Proposition publique ${proposal.id}`, seen: received }],
			lastVerified: todayIso(now),
			confidence: 'low',
			caveats: [],
			isEss: true
		})
	};
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
}

export function proposalView(db: Db, id: string, now = new Date()): ProposalView | undefined {
	const proposal = getProposal(db, id);
	if (!proposal) return undefined;
	const names = userNames(db);
	const view: ProposalView = {
		proposal,
		decidedByName: proposal.decidedBy ? (names.get(proposal.decidedBy) ?? proposal.decidedBy) : null,
		diff: [],
		problems: []
	};
	if (proposal.type === 'change') {
		const p = changeProposalSchema.safeParse(proposal.payload);
		if (!p.success) {
			view.problems.push('contenu de la proposition illisible');
			return view;
		}
		view.explanation = p.data.explanation;
		const target = getRecordById(db, p.data.targetId);
		if (!target) {
			view.problems.push(`la fiche « ${p.data.targetId} » n’existe plus`);
			return view;
		}
		view.target = target;
		view.proposed = applyChanges(withoutVersion(target), p.data.changes);
		view.diff = diffRecords(withoutVersion(target), view.proposed);
		if (view.diff.length === 0) view.problems.push('la fiche contient déjà ces valeurs');
	} else {
		const draft = proposalToRecord(proposal, (x) => !!getRecordById(db, x), now);
		if (!draft.ok) {
			view.problems.push(draft.message);
			return view;
		}
		view.proposed = draft.record;
		view.diff = diffRecords(undefined, draft.record);
	}
	if (view.proposed && proposal.status === 'pending') {
		const checked = validateRecord(db, view.proposed);
		if (!checked.ok)
			view.problems.push(
				...Object.entries(checked.errors).map(([field, message]) => `${field} : ${message}`)
			);
	}
	return view;
}

export type DecisionResult = { ok: true; recordId?: string } | { ok: false; message: string };

class StaleTarget extends Error {}

/**
 * Approves as is. For a change, `expectedVersion` is the target's version the moderator saw: if the record
 * changed since, nothing is written and the moderator sees the new diff.
 */
export function approveProposal(
	db: Db,
	id: string,
	expectedVersion: number | undefined,
	actor: Actor
): DecisionResult {
	const view = proposalView(db, id);
	if (!view) return { ok: false, message: 'proposition introuvable' };
	if (view.proposal.status !== 'pending')
		return { ok: false, message: 'cette proposition a déjà été traitée' };
	if (!view.proposed || view.problems.length)
		return {
			ok: false,
			message: `approbation impossible en l’état : ${view.problems.join(' ; ')}. Utilisez « Modifier puis approuver ».`
		};
	const checked = validateRecord(db, view.proposed);
	if (!checked.ok) return { ok: false, message: 'la fiche proposée n’est pas valide' };
	const record = checked.record;
	const note = `proposition ${id} approuvée`;
	try {
		db.transaction(() => {
			if (!decideProposal(db, id, { status: 'approved', by: actor.id })) throw new ProposalAlreadyDecided();
			if (!view.target) {
				insertRecord(db, record, { by: actor.id, action: 'proposal', note });
				return;
			}
			if (expectedVersion !== view.target.version) throw new StaleTarget();
			const res = updateRecord(db, record, { expectedVersion, by: actor.id, action: 'proposal', note });
			if (!res.ok) throw new StaleTarget();
		})();
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

export function rejectProposal(
	db: Db,
	id: string,
	reason: unknown,
	actor: Actor
): DecisionResult & { field?: string } {
	const parsed = rejectSchema.safeParse({ reason });
	if (!parsed.success) return { ok: false, message: parsed.error.issues[0].message, field: 'reason' };
	const proposal = getProposal(db, id);
	if (!proposal) return { ok: false, message: 'proposition introuvable' };
	if (!decideProposal(db, id, { status: 'rejected', by: actor.id, reason: parsed.data.reason }))
		return { ok: false, message: 'cette proposition a déjà été traitée' };
	return { ok: true };
}
