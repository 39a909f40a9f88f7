/**
 * The real seed data for the funding tests: the finder is tested against the tools visitors see, not
 * against fixtures alone. Read by tests only.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { communeSchema, qpvSchema } from '../geography';
import { fundingToolSchema, type FundingTool } from '../records';
import { findFunding } from './finder';
import type { FinderGeo } from './profile';
import { parseFinderParams } from './profile-parse';

const DATA = join(process.cwd(), 'data');
export const tools: FundingTool[] = readdirSync(join(DATA, 'funding-tools'))
	.filter((f) => f.endsWith('.json'))
	.flatMap((f) => JSON.parse(readFileSync(join(DATA, 'funding-tools', f), 'utf8')) as unknown[])
	.map((t) => fundingToolSchema.parse(t))
	.filter((t) => t.status === 'published');
export const geo: FinderGeo = {
	communes: (JSON.parse(readFileSync(join(DATA, 'communes.json'), 'utf8')) as unknown[]).map((c) =>
		communeSchema.parse(c)
	),
	qpv: (JSON.parse(readFileSync(join(DATA, 'qpv.json'), 'utf8')) as unknown[]).map((q) => qpvSchema.parse(q))
};
export const ids = new Set(tools.map((t) => t.id));
export const byId = (id: string) => {
	const t = tools.find((x) => x.id === id);
	if (!t) throw new Error(`seed tool ${id} missing`);
	return t;
};
// The seed was verified on 2026-11-29: a fixed "now" keeps every record fresh and the test deterministic.
export const NOW = new Date('2026-11-29T12:00:00Z');

/** The finder's answer for a query string that must parse without error. */
export function run(query: string, list: FundingTool[] = tools) {
	const parsed = parseFinderParams(new URLSearchParams(query), geo);
	expect(parsed.errors).toEqual([]);
	return findFunding(list, parsed.profile, { now: NOW });
}

// No current source confirms that any seed tool is still offered, so the seed marks them all « incertain ».
// The estimate, « ouvert maintenant » and the list are tested on the same tools as if a source had confirmed
// these ones open all year, as the seed said before its figures were rated as old.
const CONFIRMED_OPEN = new Set([
	'garantie-france-active',
	'pret-participatif-france-active',
	'pret-honneur-initiative-france',
	'microcredit-adie',
	'subvention-moins-26-ans-france-active-alsace',
	'contrat-apport-associatif',
	'pret-participatif-socoden',
	'garantie-sofiscop',
	'prets-la-nef'
]);
export const confirmedTools: FundingTool[] = tools.map((t) =>
	CONFIRMED_OPEN.has(t.id) ? { ...t, availability: 'ouvert' } : t
);
export const confirmed = (id: string) => confirmedTools.find((t) => t.id === id) ?? byId(id);
