/** Diffs as maintainers read them: French labels, and names instead of stored codes (places, links). */
import { fieldSpec } from '$lib/domain/fields';
import type { PublicRecordInput } from '$lib/domain/records';
import { labelChanges, type ValueLabels } from '$lib/domain/value-labels';
import { diffRecords, type FieldChange } from '$lib/io/diff';

type Versioned = PublicRecordInput & { version?: number };

/** What changed from `before` to `after` (either may be undefined), with codes shown by their labels. */
export function labelledDiff(
	labels: ValueLabels,
	before: Versioned | undefined,
	after: Versioned | undefined
): FieldChange[] {
	const kind = (after ?? before)?.kind;
	return labelChanges(
		diffRecords(before, after),
		(path) => (kind ? fieldSpec(kind, path) : undefined),
		before,
		after,
		labels
	);
}
