/**
 * The `action` of a workspace form that must keep its context. A plain `action="?/create"` replaces the
 * page's query string, so after an error the page is rendered again at `/admin/fiches/nouvelle?/create`
 * and its load no longer sees `?type=initiative` or `?proposition=…`: the form came back as a structure,
 * without the proposal it was approving. The context goes into the action's own query instead, which
 * SvelteKit accepts beside the action name (the first parameter starting with `/`).
 */
export function actionUrl(action: string, context: Record<string, string | null | undefined> = {}): string {
	const params = Object.entries(context)
		.filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '')
		.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}&`)
		.join('');
	return `?${params}/${action}`;
}
