import { describe, expect, it } from 'vitest';
import { currentValues, editableFieldsOf, formDataToObject, initiativeProposalSchema } from './proposal';
import {
	preparePlace,
	changedFields,
	checkZone,
	moveZoneErrors,
	placeProposal,
	REFERENCE_PATTERN,
	valueAt,
	valuesAt,
	zoneValue,
	type PlaceRefs
} from './proposal-form';
import { initiativeSchema, fundingToolSchema, organisationSchema } from './records';
import { initiativeFixture, organisationFixture, toolFixture } from './test-fixtures';

const refs: PlaceRefs = {
	communes: [
		{ code: '67482', name: 'Strasbourg', centroid: { lon: 7.7507, lat: 48.5818 } },
		{ code: '67447', name: 'Schiltigheim', centroid: { lon: 7.7463, lat: 48.6119 } }
	],
	quartiers: [{ code: 'SQ_06', communeCode: '67482', point: { lon: 7.7094, lat: 48.5967 } }]
};

describe('zone select', () => {
	it('round-trips a quartier and a commune through one select value', () => {
		for (const [commune, quartier] of [
			['67482', 'SQ_06'],
			['67447', undefined]
		] as const) {
			const raw: Record<string, unknown> = { place: { zone: zoneValue(commune, quartier) } };
			preparePlace(raw);
			expect(raw.place).toEqual({ communeCode: commune, quartierCode: quartier });
		}
	});

	it('reads a decimal comma in coordinates', () => {
		const raw: Record<string, unknown> = {
			place: { zone: '67482', locationMode: 'pin', lon: ' 7,7094', lat: '48,5967' }
		};
		preparePlace(raw);
		expect(initiativeProposalSchema.shape.place.safeParse(raw.place).data).toMatchObject({
			lon: 7.7094,
			lat: 48.5967
		});
	});

	it('leaves an unreadable zone unset so the schema reports it, next to the select', () => {
		const raw: Record<string, unknown> = {
			place: { zone: '67482:SQ_06; DROP TABLE', locationMode: 'quartier' }
		};
		preparePlace(raw);
		const result = initiativeProposalSchema.safeParse(raw);
		expect(result.success).toBe(false);
		const errors = moveZoneErrors({ 'place.communeCode': 'code INSEE : texte attendu', name: 'x' });
		expect(errors).toEqual({ 'place.zone': 'choisissez le quartier ou la commune', name: 'x' });
	});

	it('refuses a commune outside the list and a quartier of another commune', () => {
		expect(checkZone({ communeCode: '67482', quartierCode: 'SQ_06' }, refs)).toBeUndefined();
		expect(checkZone({ communeCode: '75056' }, refs)).toMatch(/Eurométropole/);
		expect(checkZone({ communeCode: '67447', quartierCode: 'SQ_06' }, refs)).toMatch(
			/pas dans cette commune/
		);
		expect(checkZone({ communeCode: '67482', quartierCode: 'SQ_99' }, refs)).toMatch(
			/pas dans cette commune/
		);
	});
});

describe('placeProposal', () => {
	it('takes a found address with its precision and label', () => {
		const r = placeProposal(
			{ communeCode: '67482', address: '67 avenue Racine', locationMode: 'address', precision: 'address' },
			refs,
			{ status: 'found', lon: 7.73, lat: 48.59, precision: 'street', label: 'Avenue Racine 67200 Strasbourg' }
		);
		expect(r).toEqual({
			ok: true,
			place: {
				communeCode: '67482',
				address: '67 avenue Racine',
				locationMode: 'address',
				lon: 7.73,
				lat: 48.59,
				precision: 'street',
				geocodeStatus: 'found',
				geocodedLabel: 'Avenue Racine 67200 Strasbourg'
			}
		});
	});

	it('falls back to the quartier point, then the commune point, keeping the address text', () => {
		const down = placeProposal(
			{ communeCode: '67482', quartierCode: 'SQ_06', address: '1 rue X', locationMode: 'address' },
			refs,
			{ status: 'unavailable' }
		);
		expect(down).toMatchObject({
			ok: true,
			place: {
				lon: 7.7094,
				lat: 48.5967,
				precision: 'quartier',
				address: '1 rue X',
				geocodeStatus: 'unavailable'
			}
		});
		const commune = placeProposal(
			{ communeCode: '67447', address: '1 rue X', locationMode: 'address' },
			refs,
			{ status: 'not-found' }
		);
		expect(commune).toMatchObject({ ok: true, place: { lon: 7.7463, lat: 48.6119, precision: 'commune' } });
	});

	it('ignores client coordinates and precision in "quartier only" mode', () => {
		const r = placeProposal(
			{
				communeCode: '67482',
				quartierCode: 'SQ_06',
				locationMode: 'quartier',
				lon: 7.8,
				lat: 48.6,
				precision: 'address'
			},
			refs
		);
		expect(r).toEqual({
			ok: true,
			place: {
				communeCode: '67482',
				quartierCode: 'SQ_06',
				locationMode: 'quartier',
				lon: 7.7094,
				lat: 48.5967,
				precision: 'quartier'
			}
		});
	});

	it('keeps a pin inside the Eurométropole at address precision and refuses one outside', () => {
		expect(
			placeProposal({ communeCode: '67482', locationMode: 'pin', lon: 7.75, lat: 48.58 }, refs)
		).toMatchObject({ ok: true, place: { lon: 7.75, lat: 48.58, precision: 'address' } });
		// Swapped coordinates are the usual mistake.
		expect(
			placeProposal({ communeCode: '67482', locationMode: 'pin', lon: 48.58, lat: 7.75 }, refs)
		).toMatchObject({
			ok: false,
			field: 'place.lon'
		});
	});
});

describe('change proposals', () => {
	const initiative = initiativeSchema.parse(
		initiativeFixture({ schedule: 'Le samedi', contact: { website: 'https://example.org' } })
	);

	it('offers only the fields a kind of record has', () => {
		expect(editableFieldsOf('funding-tool')).toEqual(['name', 'description', 'website']);
		expect(editableFieldsOf('organisation')).not.toContain('schedule');
		expect(editableFieldsOf('initiative')).toContain('howToJoin');
		expect(currentValues(fundingToolSchema.parse(toolFixture({ website: 'https://t.example.org' })))).toEqual(
			{
				name: 'Outil de test (synthétique)',
				description: 'Donnée synthétique pour les tests.',
				website: 'https://t.example.org'
			}
		);
		expect(currentValues(organisationSchema.parse(organisationFixture()))).not.toHaveProperty('website');
	});

	it('keeps only the changed fields, ignoring CRLF and surrounding spaces', () => {
		const current = currentValues(initiative);
		const submitted = {
			name: `  ${initiative.name} `,
			description: initiative.description.replace(/\n/g, '\r\n'),
			schedule: 'Le dimanche',
			website: 'https://example.org',
			phone: '03 88 00 00 00',
			email: ''
		};
		expect(changedFields(current, submitted, editableFieldsOf('initiative'))).toEqual({
			schedule: 'Le dimanche',
			phone: '03 88 00 00 00'
		});
	});
});

describe('kept values and references', () => {
	it('reads typed values safely, whatever their shape', () => {
		const values = formDataToObject(
			(() => {
				const f = new FormData();
				f.append('place.address', '<b>1 rue</b>');
				f.append('needs', 'benevoles');
				f.append('needs', 'local');
				f.append('name', 'x');
				return f;
			})(),
			['needs']
		);
		expect(valueAt(values, 'place.address')).toBe('<b>1 rue</b>');
		expect(valueAt(values, 'place.lon')).toBe('');
		expect(valueAt(values, 'needs')).toBe('');
		expect(valueAt(undefined, 'name')).toBe('');
		expect(valuesAt(values, 'needs')).toEqual(['benevoles', 'local']);
		expect(valuesAt(values, 'name')).toEqual(['x']);
	});

	it('recognises the store’s references and nothing else', () => {
		expect('ESS-7K3P-9QXA').toMatch(REFERENCE_PATTERN);
		for (const bad of ['ESS-0000-AAAA', 'ess-7k3p-9qxa', 'ESS-7K3P-9QXA<script>', 'ESS-7K3P'])
			expect(bad).not.toMatch(REFERENCE_PATTERN);
	});
});
