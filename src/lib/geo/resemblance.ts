/**
 * When two records (or a proposal and a record) look like the same one: the rule of the duplicate list
 * (/admin/doublons), also used by moderation to say that a proposal resembles an existing record or another
 * pending proposal. Same kind, and either the same SIRET, or normalised names at least 80 % similar (Dice
 * coefficient on character bigrams) less than 200 m apart.
 */
import { distanceMeters } from './distance';
import type { LonLat } from './types';

export const MAX_DISTANCE_M = 200;
export const MIN_SIMILARITY = 0.8;

// Words that say what kind of body it is rather than which one: "Association Les Jardins" ~ "Les Jardins".
const NOISE = new Set([
	'le',
	'la',
	'les',
	'l',
	'de',
	'du',
	'des',
	'd',
	'et',
	'en',
	'a',
	'au',
	'aux',
	'pour',
	'sur',
	'association',
	'asso',
	'sas',
	'sarl',
	'scop',
	'scic',
	'sa',
	'eurl',
	'sasu',
	'cooperative'
]);

export function normaliseName(name: string): string {
	return name
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/œ/g, 'oe')
		.replace(/[^a-z0-9]+/g, ' ')
		.split(' ')
		.filter((w) => w && !NOISE.has(w))
		.join(' ');
}

function bigrams(s: string): Map<string, number> {
	const out = new Map<string, number>();
	const t = ` ${s} `;
	for (let i = 0; i < t.length - 1; i++) {
		const g = t.slice(i, i + 2);
		out.set(g, (out.get(g) ?? 0) + 1);
	}
	return out;
}

/** Sørensen-Dice coefficient on character bigrams of the normalised names: 1 for equal, 0 for unrelated. */
export function nameSimilarity(a: string, b: string): number {
	const x = normaliseName(a);
	const y = normaliseName(b);
	if (!x || !y) return 0;
	if (x === y) return 1;
	const gx = bigrams(x);
	const gy = bigrams(y);
	let common = 0;
	let total = 0;
	for (const [g, n] of gx) {
		common += Math.min(n, gy.get(g) ?? 0);
		total += n;
	}
	for (const n of gy.values()) total += n;
	return (2 * common) / total;
}

/** What the rule reads of a record or of a proposal's draft. */
export interface Resembling {
	kind: string;
	name: string;
	siret?: string;
	location?: LonLat;
}

export interface Resemblance {
	sameSiret: boolean;
	/** 0 to 1. */
	similarity: number;
	/** Metres between the two positions, when both have one. */
	distanceM?: number;
}

/** How `a` resembles `b` under the duplicate rule, or undefined when it does not. */
export function resemblance(a: Resembling, b: Resembling): Resemblance | undefined {
	if (a.kind !== b.kind) return undefined;
	const sameSiret = !!a.siret && a.siret === b.siret;
	const similarity = nameSimilarity(a.name, b.name);
	const distanceM = a.location && b.location ? Math.round(distanceMeters(a.location, b.location)) : undefined;
	const nearAndAlike = similarity >= MIN_SIMILARITY && distanceM !== undefined && distanceM <= MAX_DISTANCE_M;
	return sameSiret || nearAndAlike ? { sameSiret, similarity, distanceM } : undefined;
}

/** The same resemblance in French, for a maintainer: « même SIRET · noms semblables à 92 % · à 40 m ». */
export function describeResemblance(r: Resemblance): string {
	return [
		r.sameSiret ? 'même SIRET' : '',
		`noms semblables à ${Math.round(r.similarity * 100)} %`,
		r.distanceM !== undefined ? `à ${r.distanceM} m` : ''
	]
		.filter(Boolean)
		.join(' · ');
}
