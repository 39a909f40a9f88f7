import { describe, expect, it } from 'vitest';
import { fundingToolSchema, initiativeSchema, organisationSchema } from './records';
import { initiativeFixture, organisationFixture, toolFixture } from './test-fixtures';

function firstIssue(result: {
	success: boolean;
	error?: { issues: { path: PropertyKey[]; message: string }[] };
}) {
	expect(result.success).toBe(false);
	const issue = result.error!.issues[0];
	return { field: issue.path.join('.'), message: issue.message };
}

describe('record schemas', () => {
	it('accept the minimal fixtures', () => {
		expect(organisationSchema.safeParse(organisationFixture()).success).toBe(true);
		expect(initiativeSchema.safeParse(initiativeFixture()).success).toBe(true);
		expect(fundingToolSchema.safeParse(toolFixture()).success).toBe(true);
	});

	it('fill defaults for optional lists', () => {
		const o = organisationSchema.parse(organisationFixture());
		expect(o.approvals).toEqual([]);
		expect(o.fiscalStatus).toBe('inconnu');
		expect(o.caveats).toEqual([]);
	});

	// Each case: a bad record, the field that must be named and words the message must contain.
	const bad: [string, unknown, string, RegExp][] = [
		['id with spaces', organisationFixture({ id: 'Mon Id' }), 'id', /identifiant invalide/],
		['slug with accents', organisationFixture({ slug: 'épicerie' }), 'slug', /slug invalide/],
		['empty name', organisationFixture({ name: '   ' }), 'name', /ne doit pas être vide/],
		['no source', organisationFixture({ sources: [] }), 'sources', /au moins une source/],
		[
			'source without url nor reference',
			organisationFixture({ sources: [{ seen: '2026-01-01' } as never] }),
			'sources.0',
			/url.*reference/
		],
		[
			'javascript: link',
			organisationFixture({ contact: { website: 'javascript:alert(1)' } }),
			'contact.website',
			/http/
		],
		['impossible date', organisationFixture({ lastVerified: '2026-02-30' }), 'lastVerified', /date invalide/],
		['unknown status', organisationFixture({ status: 'live' as never }), 'status', /statut invalide/],
		['unknown role', organisationFixture({ roles: ['mecene' as never] }), 'roles.0', /rôle invalide/],
		['no role', organisationFixture({ roles: [] }), 'roles', /au moins un rôle/],
		['duplicate roles', organisationFixture({ roles: ['acteur', 'acteur'] }), 'roles', /doublons/],
		[
			'unknown legal form',
			organisationFixture({ legalForm: 'sarl' as never }),
			'legalForm',
			/forme juridique inconnue/
		],
		[
			'swapped lon/lat',
			organisationFixture({ location: { lon: 48.58, lat: 7.75, precision: 'commune' } }),
			'location',
			/hors de l'Eurométropole/
		],
		[
			'bad precision',
			organisationFixture({ location: { lon: 7.75, lat: 48.58, precision: 'gps' as never } }),
			'location.precision',
			/précision invalide/
		],
		['bad INSEE code', organisationFixture({ communeCode: '6748' }), 'communeCode', /code INSEE invalide/],
		['bad quartier code', organisationFixture({ quartierCode: 'Neudorf' }), 'quartierCode', /SQ_01/],
		[
			'unknown field (typo)',
			{ ...organisationFixture(), adress: 'rue' },
			'',
			/adress|Unrecognized|non reconnu/i
		],
		[
			'SCOP declared non fiscalisée',
			organisationFixture({ legalForm: 'scop', fiscalStatus: 'non-fiscalisee' }),
			'fiscalStatus',
			/ne peut pas être non fiscalisée/
		],
		[
			'control characters',
			organisationFixture({ description: 'abc\u0007def' }),
			'description',
			/caractères de contrôle/
		],
		['wrong kind', organisationFixture({ kind: 'initiative' as never }), 'kind', /organisation/],
		['bad SIRET', organisationFixture({ siret: '1234' }), 'siret', /14 chiffres/],
		[
			'neither commune nor territory',
			organisationFixture({ communeCode: undefined }),
			'communeCode',
			/commune.*territoire d’action/
		],
		[
			'a position without a commune',
			organisationFixture({
				communeCode: undefined,
				territory: 'france',
				location: { lon: 7.75, lat: 48.58, precision: 'commune' }
			}),
			'location',
			/sans commune/
		],
		['territory « commune »', organisationFixture({ territory: 'commune' as never }), 'territory', /inconnu/],
		[
			'SIREN of another unit',
			organisationFixture({ siret: '10000000100011', siren: '200000001' }),
			'siren',
			/9 premiers chiffres du SIRET \(100000001\)/
		],
		['bad NAF code', organisationFixture({ naf: 'action sociale' }), 'naf', /code NAF invalide/],
		[
			'activity family not the NAF code’s',
			organisationFixture({ naf: '88.99B', activityFamily: 'culture' }),
			'activityFamily',
			/Action sociale et médico-sociale/
		],
		['unknown size band', organisationFixture({ sizeBand: '99' as never }), 'sizeBand', /tranche/],
		[
			'from SIRENE without its stock date',
			organisationFixture({ origin: 'sirene', siret: '10000000100011' }),
			'origin',
			/SIRET et la date de son stock/
		]
	];
	it.each(bad)('rejects %s with a specific message', (_label, record, field, message) => {
		const issue = firstIssue(organisationSchema.safeParse(record));
		expect(issue.field).toBe(field);
		expect(issue.message).toMatch(message);
	});

	it('rejects a funding tool whose minimum exceeds its maximum', () => {
		const issue = firstIssue(fundingToolSchema.safeParse(toolFixture({ amount: { min: 5000, max: 100 } })));
		expect(issue.field).toBe('amount.min');
		expect(issue.message).toMatch(/minimum supérieur/);
	});

	it('rejects a funding tool with a negative amount or no audience', () => {
		expect(firstIssue(fundingToolSchema.safeParse(toolFixture({ amount: { max: -1 } }))).message).toMatch(
			/négatif/
		);
		const noAudience = firstIssue(
			fundingToolSchema.safeParse(toolFixture({ eligibility: { audiences: [] } }))
		);
		expect(noAudience.field).toBe('eligibility.audiences');
		expect(noAudience.message).toMatch(/au moins un public/);
	});

	it('rejects an initiative with an unknown need', () => {
		const issue = firstIssue(initiativeSchema.safeParse(initiativeFixture({ needs: ['argent' as never] })));
		expect(issue.field).toBe('needs.0');
		expect(issue.message).toMatch(/besoin inconnu/);
	});

	it('accepts an organisation without a commune when it has a territory of action', () => {
		const o = organisationSchema.parse(organisationFixture({ communeCode: undefined, territory: 'france' }));
		expect(o.communeCode).toBeUndefined();
		expect(o.territory).toBe('france');
		// An initiative always has its commune.
		expect(firstIssue(initiativeSchema.safeParse(initiativeFixture({ communeCode: undefined }))).field).toBe(
			'communeCode'
		);
	});

	it('accepts the register fields of a record created from SIRENE', () => {
		const o = organisationSchema.parse(
			organisationFixture({
				siret: '10000000100011',
				siren: '100000001',
				rna: 'W672000001',
				legalCategory: '9260',
				naf: '88.99B',
				activityFamily: 'action-sociale',
				sizeBand: '03',
				sizeBandYear: 2023,
				createdOn: '2012-09-01',
				establishment: 'siege',
				origin: 'sirene',
				sireneStock: '2026-12-01'
			})
		);
		expect(o.origin).toBe('sirene');
		// An old nomenclature's code is kept without a family check (families are defined on NAF rév. 2).
		expect(
			organisationSchema.safeParse(organisationFixture({ naf: '85.3K', activityFamily: 'autre' })).success
		).toBe(true);
	});

	it('trims text and normalises line endings', () => {
		const o = organisationSchema.parse(organisationFixture({ description: '  a\r\nb  ' }));
		expect(o.description).toBe('a\nb');
	});
});
