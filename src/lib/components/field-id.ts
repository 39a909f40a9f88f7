/** Ids shared by a form field, its label, hint and error, and the error summary's link to it. */
export function fieldId(name: string): string {
	return `f-${name.replace(/[^a-zA-Z0-9]+/g, '-')}`;
}
