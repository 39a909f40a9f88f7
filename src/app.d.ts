// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		interface Error {
			message: string;
			id?: string;
			/** The request failed on a full disk (src/lib/server/disk-full.ts): the error pages show `message`. */
			diskFull?: boolean;
		}
		interface Locals {
			/** The logged-in maintainer, set by hooks.server.ts on /admin paths only. */
			user: import('$lib/server/auth/guard').SessionUser | null;
			/** SHA-256 of the session token (the sessions table id), for logout. */
			sessionId: string | null;
		}
		// interface PageData {}
		// interface PageState {}
		// interface Platform {}
	}
}

export {};
