/** What the buyers' pages show of a supplier: its activity family and its kinds with their proofs. */
import { NAF_REV2, activityFamilyForNaf, type ActivityFamily } from '../activity-families';
import type { Organisation } from '../records';
import { SUPPLIER_KINDS, labelOf, type Approval, type SupplierKind } from '../taxonomies';

export interface Proof {
	title: string;
	site: string;
	url?: string;
	date: string;
}

/** One kind a supplier holds, with its proof when the record has one. */
export interface KindLine {
	approval: Approval;
	label: string;
	proof?: Proof;
}

/** A supplier's activity family: the record's own, else derived from its NAF code (rév. 2). */
export function supplierFamily(o: Pick<Organisation, 'activityFamily' | 'naf'>): ActivityFamily | undefined {
	if (o.activityFamily) return o.activityFamily;
	return o.naf && NAF_REV2.test(o.naf) ? activityFamilyForNaf(o.naf) : undefined;
}

/** The supplier kinds and other approvals a record holds, each with its proof when it has one. */
export function kindLines(o: Pick<Organisation, 'approvals' | 'approvalProofs'>): KindLine[] {
	return o.approvals.map((approval) => ({
		approval,
		label: labelOf('approval', approval),
		proof: (SUPPLIER_KINDS as readonly string[]).includes(approval)
			? o.approvalProofs?.[approval as SupplierKind]
			: undefined
	}));
}
