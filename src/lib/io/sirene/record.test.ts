import { describe, expect, it } from 'vitest';
import { organisationSchema, type Organisation } from '$lib/domain/records';
import { organisationFixture } from '$lib/domain/test-fixtures';
import {
	mergeRegister,
	registerValuesOf,
	sireneRecordId,
	withSireneSource,
	SIRENE_SOURCE_URL
} from './record';

const curated = (o: Partial<Organisation> = {}) =>
	organisationSchema.parse(
		organisationFixture({ name: 'Nom choisi', description: 'Écrite à la main.', ...o })
	);
const point = (precision: 'address' | 'commune' | 'quartier', lon = 7.75) => ({ lon, lat: 48.58, precision });

describe('mergeRegister', () => {
	it('fills what a curated record lacks and keeps its own values, name and description included', () => {
		const r = curated({ legalForm: 'inconnue', location: point('quartier'), sizeBand: '01' });
		const { record, changed } = mergeRegister(
			r,
			{
				name: 'NOM DU REPERTOIRE',
				description: 'générée',
				legalForm: 'scop',
				siren: '100000001',
				sizeBand: '03',
				location: point('address', 7.76),
				address: '3 rue X'
			},
			undefined
		);
		expect(changed).toEqual(['legalForm', 'siren', 'address', 'location']);
		expect(record).toMatchObject({
			name: 'Nom choisi',
			description: 'Écrite à la main.',
			legalForm: 'scop',
			sizeBand: '01',
			location: point('address', 7.76)
		});
	});

	it('does not replace a precise position by a reference point, nor a known legal form', () => {
		const r = curated({ location: point('address'), legalForm: 'scic' });
		const { changed } = mergeRegister(
			r,
			{ location: point('commune', 7.7), legalForm: 'cooperative' },
			undefined
		);
		expect(changed).toEqual([]);
	});

	it('follows the register where the value is still what the previous import wrote', () => {
		const before = curated({ sizeBand: '03', naf: '88.99B', activityFamily: 'action-sociale' });
		const previous = registerValuesOf(before);
		const edited = { ...before, naf: '88.10C' as const, activityFamily: 'insertion-emploi' as const };
		const { record, changed } = mergeRegister(
			edited,
			{ sizeBand: '11', naf: '94.99Z', activityFamily: 'organisations-reseaux' },
			previous
		);
		// The size band nobody touched follows; the NAF code and family a person corrected stay.
		expect(changed).toEqual(['sizeBand']);
		expect(record).toMatchObject({ sizeBand: '11', naf: '88.10C', activityFamily: 'insertion-emploi' });
	});

	it('lets the register remove what it wrote on its own records only', () => {
		const own = curated({
			origin: 'sirene',
			siret: '10000000100011',
			sireneStock: '2026-12-01',
			rna: 'W672000001'
		});
		const previous = registerValuesOf(own);
		expect(mergeRegister(own, {}, previous).record.rna).toBeUndefined();
		const mine = curated({ rna: 'W672000001' });
		expect(mergeRegister(mine, {}, registerValuesOf(mine)).record.rna).toBe('W672000001');
	});

	it('drops the quartier when the commune changes', () => {
		const own = curated({
			origin: 'sirene',
			siret: '10000000100011',
			sireneStock: '2026-12-01',
			quartierCode: 'SQ_07'
		});
		const { record } = mergeRegister(own, { communeCode: '67447' }, registerValuesOf(own));
		expect(record.communeCode).toBe('67447');
		expect(record.quartierCode).toBeUndefined();
	});
});

describe('the SIRENE source', () => {
	it('is added once and dated to the stock', () => {
		const r = withSireneSource(curated(), '2026-12-01');
		expect(r.sources.at(-1)).toMatchObject({ url: SIRENE_SOURCE_URL, seen: '2026-12-01' });
		const again = withSireneSource(r, '2027-01-01');
		expect(again.sources).toHaveLength(r.sources.length);
		expect(again.sources.at(-1)?.title).toBe('INSEE, répertoire SIRENE, stock du 2027-01-01');
		expect(sireneRecordId('10000000100011')).toBe('sirene-10000000100011');
	});
});
