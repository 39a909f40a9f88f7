/** "Aucune initiative recensée", "1 initiative", "5 initiatives". */
export function initiativesLabel(n: number): string {
	if (n === 0) return 'aucune initiative recensée';
	return n === 1 ? '1 initiative' : `${n} initiatives`;
}

/** "A, B et C". */
export function frenchList(items: readonly string[]): string {
	if (items.length <= 1) return items.join('');
	return `${items.slice(0, -1).join(', ')} et ${items[items.length - 1]}`;
}
