/**
 * Who may do what in /admin. The hook checks the route table below before anything runs, and every load,
 * action and endpoint calls requireRole again: a layout load does not protect form actions.
 */
import { error } from '@sveltejs/kit';
import type { UserRole } from '../db/users';
import { isUnder, route } from '$lib/links';

export interface SessionUser {
	id: string;
	email: string;
	name: string;
	role: UserRole;
}

const RANK: Record<UserRole, number> = { editor: 1, admin: 2 };

export function hasRole(user: SessionUser | null | undefined, role: UserRole): boolean {
	return !!user && RANK[user.role] >= RANK[role];
}

/** Throws 401 for anonymous visitors and 403 for a role too low; returns the user otherwise. */
export function requireRole(locals: { user: SessionUser | null }, role: UserRole): SessionUser {
	const user = locals.user;
	if (!user) error(401, 'Connexion requise');
	if (!hasRole(user, role)) error(403, 'Cette page est réservée aux administrateurs');
	return user;
}

/** Public pages of /admin: the login form only. */
const PUBLIC_ADMIN = new Set([route.adminLogin()]);

/** The role a path under /admin needs (undefined: not an admin path, or the login page). */
export function routeRole(pathname: string): UserRole | undefined {
	const path = pathname.replace(/\/+$/, '') || '/';
	if (!isUnder(path, route.admin())) return undefined;
	if (PUBLIC_ADMIN.has(path)) return undefined;
	if (isUnder(path, route.adminAccounts())) return 'admin';
	return 'editor';
}

/** Post-login destinations: kept in their own pure module, re-exported for the login page. */
export { safeRedirect } from './safe-redirect';
