import { describe, expect, it } from 'vitest';
import { describeMergeRule, mergePlan, mergeRecords } from './merge';
import { fundingToolSchema, initiativeSchema, organisationSchema } from './records';
import { initiativeFixture, organisationFixture, toolFixture } from './test-fixtures';

const source = (n: number) => ({ url: `https://exemple.org/${n}`, seen: '2026-01-01' });

describe('mergeRecords', () => {
	const keep = organisationSchema.parse(
		organisationFixture({
			thematiques: ['a'],
			sectors: ['reemploi'],
			contact: { email: 'garde@exemple.org' },
			sources: [source(1)],
			quartierCode: 'SQ_01'
		})
	);
	const drop = organisationSchema.parse(
		organisationFixture({
			id: 'doublon',
			slug: 'doublon',
			name: 'Autre nom',
			thematiques: ['a', 'b'],
			sectors: ['alimentation'],
			tags: ['vélo'],
			contact: { email: 'autre@exemple.org', phone: '03 88 00 00 00' },
			sources: [source(1), { reference: 'Rapport 2020', seen: '2026-01-01' }],
			siret: '12345678901234',
			shortName: 'AN',
			address: '1 rue X',
			location: { lon: 7.75, lat: 48.58, precision: 'address' },
			quartierCode: 'SQ_02',
			subQuartier: 'gare',
			caveats: ['À revoir']
		})
	);

	it('plans the merge field by field: what each says, what the kept record will say, and why', () => {
		const rows = Object.fromEntries(mergePlan(keep, drop).map((r) => [r.path, r]));
		expect(rows.name).toMatchObject({
			keep: keep.name,
			drop: 'Autre nom',
			result: keep.name,
			outcome: 'kept'
		});
		expect(rows.description).toMatchObject({ outcome: 'same' });
		expect(rows.siret).toMatchObject({ keep: undefined, result: '12345678901234', outcome: 'filled' });
		expect(rows['contact.email']).toMatchObject({ result: 'garde@exemple.org', outcome: 'kept' });
		expect(rows['contact.phone']).toMatchObject({ outcome: 'filled' });
		expect(rows.thematiques).toMatchObject({ result: ['a', 'b'], outcome: 'united' });
		// A quartier fills only within the same commune; here both are in Strasbourg, and the kept one has one.
		expect(rows.quartierCode).toMatchObject({ result: 'SQ_01', outcome: 'kept' });
		expect(rows.caveats).toMatchObject({ drop: ['À revoir'], result: [], outcome: 'kept' });
		// Fields empty on both sides are not listed.
		expect(rows.parentId).toBeUndefined();
		// The plan's results are the merge itself.
		const merged = mergeRecords(keep, drop) as unknown as Record<string, unknown>;
		expect(rows.sources.result).toEqual(merged.sources);
		expect(describeMergeRule(rows.quartierCode.rule, (p) => (p === 'communeCode' ? 'Commune' : p))).toBe(
			'complète si vide, quand « Commune » est la même'
		);
		expect(describeMergeRule(rows.tags.rule, String)).toBe('réunit les deux listes');
	});

	it('keeps the kept values, adds lists without repeats, fills what is missing', () => {
		const merged = mergeRecords(keep, drop);
		expect(merged).toMatchObject({
			id: 'test-org',
			name: keep.name,
			thematiques: ['a', 'b'],
			sectors: ['reemploi', 'alimentation'],
			tags: ['vélo'],
			contact: { email: 'garde@exemple.org', phone: '03 88 00 00 00' },
			sources: [source(1), { reference: 'Rapport 2020' }],
			siret: '12345678901234',
			shortName: 'AN',
			address: '1 rue X',
			location: { lon: 7.75, lat: 48.58, precision: 'address' },
			// The kept record's own quartier wins, and a sub-quartier of another quartier is not taken.
			quartierCode: 'SQ_01',
			caveats: []
		});
		expect(merged.subQuartier).toBeUndefined();
		expect(keep.contact.phone).toBeUndefined();
	});

	it('takes a quartier only within the same commune, with its sub-quartier', () => {
		const noQuartier = { ...keep, quartierCode: undefined };
		expect(mergeRecords(noQuartier, drop)).toMatchObject({ quartierCode: 'SQ_02', subQuartier: 'gare' });
		expect(mergeRecords(noQuartier, { ...drop, communeCode: '67447' }).quartierCode).toBeUndefined();
	});

	it('caps lists at their schema maximum', () => {
		const many = (from: number) => Array.from({ length: 15 }, (_, i) => source(from + i));
		const merged = mergeRecords({ ...keep, sources: many(0) }, { ...drop, sources: many(100) });
		expect(merged.sources).toHaveLength(20);
		expect(merged.sources[15]).toEqual(source(100));
	});

	it('merges initiatives and funding tools by the same rules', () => {
		const i = initiativeSchema.parse(initiativeFixture({ startedYear: undefined }));
		const j = initiativeSchema.parse(
			initiativeFixture({ id: 'autre-j', startedYear: 2020, contact: { website: 'https://j.fr' } })
		);
		expect(mergeRecords(i, j)).toMatchObject({ contact: { website: 'https://j.fr' } });
		expect(mergeRecords(i, j).startedYear).toBeUndefined();
		const t = fundingToolSchema.parse(toolFixture());
		const u = fundingToolSchema.parse(
			toolFixture({ id: 'autre-u', website: 'https://u.fr', thematiques: ['x'], sources: [source(9)] })
		);
		const merged = mergeRecords(t, u);
		expect(merged.website).toBeUndefined();
		expect(merged.thematiques).toEqual(['x']);
		expect(merged.sources).toHaveLength(2);
		expect(() => mergeRecords(t, i)).toThrow(/different kinds/);
	});
});
