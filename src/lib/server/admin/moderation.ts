/**
 * Moderation of public proposals (issue 6): each is shown as a diff against the current record (or as a new
 * record), then approved as is, approved after editing (the record form, prefilled), or rejected with a
 * reason. Approving writes the record and decides the proposal in one transaction.
 */
import { z } from 'zod';
import { todayIso } from '$lib/domain/common';
import {
	changeProposalSchema,
	initiativeProposalSchema,
	organisationProposalSchema,
	type ChangeProposal
} from '$lib/domain/proposal';
import type { PublicRecord } from '$lib/domain/records';
import { diffRecords, type FieldChange } from '$lib/io/diff';
import { slugify } from '$lib/io/slug';
import type { Db } from '../db/connection';
import { decideProposal, getProposal, type Proposal } from '../db/proposals';
import { getRecordById, insertRecord, updateRecord, type Stored } from '../db/records';
import { userNames } from '../db/users';
import { ProposalAlreadyDecided, validateRecord, withoutVersion, type Actor } from './records';

type ProposedPlace = z.infer<typeof organisationProposalSchema>['place'];

function placeFields(place: ProposedPlace) {
	const out: Record<string, unknown> = { communeCode: place.communeCode };
	if (place.quartierCode) out.quartierCode = place.quartierCode;
	if (place.address) out.address = place.address;
	if (place.lon !== undefined && place.lat !== undefined && place.precision)
		out.location = { lon: place.lon, lat: place.lat, precision: place.precision };
	return out;
}

function contactOf(p: { website?: string; email?: string; phone?: string }) {
	return Object.fromEntries(
		Object.entries({ website: p.website, email: p.email, phone: p.phone }).filter(([, v]) => v !== undefined)
	);
}

/** A unique id from the name: `name`, then `name-2`... */
function freeId(name: string, taken: (id: string) => boolean): string {
	const base = slugify(name);
	for (let n = 1; ; n++) {
		const id = n === 1 ? base : `${base.slice(0, 75)}-${n}`;
		if (!taken(id)) return id;
	}
}

/**
 * The record a new-structure or new-initiative proposal would create. Visitors' facts are unverified, so
 * confidence is low; the proposal itself is the source, dated the day it was received.
 */
export function proposalToRecord(
	proposal: Proposal,
	taken: (id: string) => boolean,
	now = new Date()
): { ok: true; record: Record<string, unknown> } | { ok: false; message: string } {
	const received = proposal.createdAt.slice(0, 10);
	const common = {
		status: 'published',
		sources: [{ reference: `Proposition publique ${proposal.id}`, seen: received }],
		lastVerified: todayIso(now),
		confidence: 'low',
		caveats: []
	};
	if (proposal.type === 'new-organisation') {
		const p = organisationProposalSchema.safeParse(proposal.payload);
		if (!p.success) return { ok: false, message: 'contenu de la proposition illisible' };
		const d = p.data;
		const id = freeId(d.name, taken);
		return {
			ok: true,
			record: {
				kind: 'organisation',
				id,
				slug: id,
				name: d.name,
				description: d.description,
				...common,
				roles: d.roles,
				legalForm: d.legalForm,
				isEss: true,
				sectors: d.sectors,
				thematiques: d.thematiques,
				...(d.siret ? { siret: d.siret } : {}),
				contact: contactOf(d),
				...placeFields(d.place)
			}
		};
	}
	if (proposal.type === 'new-initiative') {
		const p = initiativeProposalSchema.safeParse(proposal.payload);
		if (!p.success) return { ok: false, message: 'contenu de la proposition illisible' };
		const d = p.data;
		const id = freeId(d.name, taken);
		return {
			ok: true,
			record: {
				kind: 'initiative',
				id,
				slug: id,
				name: d.name,
				description: d.description,
				...common,
				initiativeType: d.initiativeType,
				isEss: true,
				carrier: { kind: d.carrierKind, ...(d.carrierName ? { name: d.carrierName } : {}) },
				...(d.howToJoin ? { howToJoin: d.howToJoin } : {}),
				...(d.schedule ? { schedule: d.schedule } : {}),
				needs: d.needs,
				thematiques: d.thematiques,
				sectors: d.sectors,
				contact: contactOf(d),
				...placeFields(d.place)
			}
		};
	}
	return { ok: false, message: 'ce n’est pas une proposition de nouvelle fiche' };
}

/** A record with a change proposal applied: only the fields the visitor changed. */
export function applyChanges(record: PublicRecord, changes: ChangeProposal['changes']): PublicRecord {
	const out = structuredClone(record);
	if (changes.name !== undefined) out.name = changes.name;
	if (changes.description !== undefined) out.description = changes.description;
	if (out.kind === 'funding-tool') {
		if (changes.website !== undefined) out.website = changes.website;
		return out;
	}
	if (changes.address !== undefined) out.address = changes.address;
	const contact = { ...out.contact };
	if (changes.website !== undefined) contact.website = changes.website;
	if (changes.email !== undefined) contact.email = changes.email;
	if (changes.phone !== undefined) contact.phone = changes.phone;
	out.contact = contact;
	if (out.kind === 'initiative') {
		if (changes.schedule !== undefined) out.schedule = changes.schedule;
		if (changes.howToJoin !== undefined) out.howToJoin = changes.howToJoin;
	}
	return out;
}

export interface ProposalView {
	proposal: Proposal;
	decidedByName: string | null;
	target?: Stored<PublicRecord>;
	/** The record as it would be after approval (new record, or target with the changes). */
	proposed?: PublicRecord;
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
		view.proposed = draft.record as unknown as PublicRecord;
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
