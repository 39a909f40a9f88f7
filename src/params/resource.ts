import type { ParamMatcher } from '@sveltejs/kit';

export const RESOURCES = [
	'organisations',
	'initiatives',
	'funding-tools',
	'accompagnements',
	'lieux',
	'evenements',
	'quartiers',
	'communes'
] as const;
export type Resource = (typeof RESOURCES)[number];

/** `organisations`, `organisations.json` or `organisations.geojson` (and the same for each collection). */
export const match = ((param: string): param is string => {
	const base = param.replace(/\.(geo)?json$/, '');
	return (RESOURCES as readonly string[]).includes(base);
}) satisfies ParamMatcher;
