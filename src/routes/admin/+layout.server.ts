import type { LayoutServerLoad } from './$types';

/**
 * The workspace is server-rendered forms that work without JavaScript; not hydrating them also means text
 * typed while the page loads is never reset by hydration. The import page turns it back on for its progress bar.
 */
export const csr = false;

/** Who is logged in, for the workspace menu. Access itself is checked by the hook and by each page. */
export const load: LayoutServerLoad = ({ locals }) => ({
	user: locals.user ? { name: locals.user.name, role: locals.user.role } : null
});
