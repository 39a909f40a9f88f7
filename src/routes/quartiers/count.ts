/** "Aucune initiative recensée", "1 initiative", "5 initiatives". */
export function initiativesLabel(n: number): string {
	if (n === 0) return 'aucune initiative recensée';
	return n === 1 ? '1 initiative' : `${n} initiatives`;
}
