import { describe, expect, it } from 'vitest';
import codesNaf from '@socialgouv/codes-naf';
import {
	ACTIVITY_FAMILIES,
	CPV_DIVISIONS,
	NAF_ACTIVITY_FAMILY,
	activityFamiliesForCpv,
	activityFamilyForNaf,
	activityMappings,
	activityFamilyLabel,
	isActivityFamily
} from './activity-families';

const naf = new Set(codesNaf.map((c) => c.id));
const subclasses = [...naf].filter((id) => /^\d{2}\.\d{2}[A-Z]$/.test(id));

describe('activity families', () => {
	it('has a short list of unique codes with French labels', () => {
		expect(ACTIVITY_FAMILIES.length).toBeGreaterThanOrEqual(12);
		expect(ACTIVITY_FAMILIES.length).toBeLessThanOrEqual(16);
		expect(new Set(ACTIVITY_FAMILIES.map((f) => f.code)).size).toBe(ACTIVITY_FAMILIES.length);
		expect(activityFamilyLabel('insertion-emploi')).toBe('Insertion et emploi');
	});

	it('keys the table by real NAF rév. 2 divisions, groups, classes or sub-classes only', () => {
		const unknown = Object.keys(NAF_ACTIVITY_FAMILY).filter((k) => !naf.has(k));
		expect(unknown).toEqual([]);
		for (const family of Object.values(NAF_ACTIVITY_FAMILY)) expect(isActivityFamily(family)).toBe(true);
	});

	it('gives every one of the 732 sub-classes a family through its division at least', () => {
		expect(subclasses).toHaveLength(732);
		const divisions = new Set(subclasses.map((c) => c.slice(0, 2)));
		for (const d of divisions) expect(NAF_ACTIVITY_FAMILY[d], `division ${d}`).toBeDefined();
	});

	it('uses every family except the catch-all for some sub-class', () => {
		const used = new Set(subclasses.map(activityFamilyForNaf));
		for (const f of ACTIVITY_FAMILIES) expect(used.has(f.code), f.code).toBe(true);
	});

	it('files the frequent ESS codes where a visitor would look for them', () => {
		expect(activityFamilyForNaf('88.99B')).toBe('action-sociale');
		expect(activityFamilyForNaf('88.10A')).toBe('action-sociale');
		expect(activityFamilyForNaf('88.10C')).toBe('insertion-emploi');
		expect(activityFamilyForNaf('78.20Z')).toBe('insertion-emploi');
		expect(activityFamilyForNaf('38.32Z')).toBe('environnement-reemploi');
		expect(activityFamilyForNaf('47.79Z')).toBe('environnement-reemploi');
		expect(activityFamilyForNaf('95.29Z')).toBe('environnement-reemploi');
		expect(activityFamilyForNaf('81.30Z')).toBe('environnement-reemploi');
		expect(activityFamilyForNaf('47.11C')).toBe('alimentation');
		expect(activityFamilyForNaf('47.19B')).toBe('commerce-artisanat');
		expect(activityFamilyForNaf('85.59A')).toBe('education-formation');
		expect(activityFamilyForNaf('93.12Z')).toBe('sport-loisirs');
		expect(activityFamilyForNaf('90.01Z')).toBe('culture');
		expect(activityFamilyForNaf('94.99Z')).toBe('organisations-reseaux');
		expect(activityFamilyForNaf('64.19Z')).toBe('finance');
		expect(activityFamilyForNaf('68.20A')).toBe('habitat');
		expect(activityFamilyForNaf('49.39A')).toBe('transport-mobilite');
		expect(activityFamilyForNaf('86.21Z')).toBe('sante');
		expect(activityFamilyForNaf('62.01Z')).toBe('services-entreprises');
	});

	it('answers autre for malformed or missing codes', () => {
		expect(activityFamilyForNaf(null)).toBe('autre');
		expect(activityFamilyForNaf('8899B')).toBe('autre');
		expect(activityFamilyForNaf('[ND]')).toBe('autre');
	});
});

describe('activity families -> NAF -> CPV', () => {
	const mappings = activityMappings();

	it('publishes every family once, with the NAF keys that lead to it', () => {
		expect(mappings.map((m) => m.code)).toEqual(ACTIVITY_FAMILIES.map((f) => f.code));
		for (const m of mappings) for (const key of m.naf) expect(NAF_ACTIVITY_FAMILY[key]).toBe(m.code);
		const listed = mappings.flatMap((m) => m.naf);
		expect(new Set(listed).size).toBe(Object.keys(NAF_ACTIVITY_FAMILY).length);
	});

	it('gives every family but the catch-all at least one CPV division, each a known one', () => {
		for (const m of mappings) {
			if (m.code === 'autre') expect(m.cpv).toEqual([]);
			else expect(m.cpv.length, m.code).toBeGreaterThan(0);
			for (const c of m.cpv) expect(c.label).toBe(CPV_DIVISIONS[c.division]);
		}
	});

	it('reads a CPV code back to the families that use its division', () => {
		// 90910000-9: cleaning services; 77310000-6: planting and maintenance of green areas.
		expect(activityFamiliesForCpv('90910000-9')).toContain('environnement-reemploi');
		expect(activityFamiliesForCpv('90910000-9')).toContain('services-entreprises');
		expect(activityFamiliesForCpv('77310000-6')).toEqual(['environnement-reemploi']);
		expect(activityFamiliesForCpv('15000000-8')).toEqual(['alimentation']);
		expect(activityFamiliesForCpv('')).toEqual([]);
	});
});
