/** Ids shared by a form field, its label, hint and error, and the error summary's link to it. */
export function fieldId(name: string): string {
	return `f-${name.replace(/[^a-zA-Z0-9]+/g, '-')}`;
}

/** aria-describedby for a field: its hint and its error, when present. */
export function describedBy(name: string, opts: { hint?: boolean; error?: string }): string | undefined {
	const id = fieldId(name);
	const ids = [opts.hint ? `${id}-aide` : '', opts.error ? `${id}-erreur` : ''].filter(Boolean);
	return ids.length ? ids.join(' ') : undefined;
}
