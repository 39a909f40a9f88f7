import type { ParamMatcher } from '@sveltejs/kit';

/** The new-record forms of /proposer: `initiative`, `structure` (an organisation), `lieu` (a place) and `evenement`. */
export const PROPOSABLE = ['initiative', 'structure', 'lieu', 'evenement'] as const;
export type Proposable = (typeof PROPOSABLE)[number];

export const match = ((param: string): param is Proposable =>
	(PROPOSABLE as readonly string[]).includes(param)) satisfies ParamMatcher;
