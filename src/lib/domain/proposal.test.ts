import { describe, expect, it } from 'vitest';
import { zodErrors } from './errors';
import { changeProposalSchema, formDataToObject, initiativeProposalSchema } from './proposal';

function form(entries: [string, string][]) {
	const f = new FormData();
	for (const [k, v] of entries) f.append(k, v);
	return f;
}

const valid: [string, string][] = [
	['name', 'Jardin des voisins'],
	['description', 'Un jardin partagé entretenu par les habitants de la rue.'],
	['initiativeType', 'jardin-partage'],
	['carrierKind', 'collectif-habitants'],
	['needs', 'benevoles'],
	['needs', 'materiel'],
	['place.communeCode', '67482'],
	['place.quartierCode', 'SQ_06'],
	['place.locationMode', 'quartier'],
	['place.address', ''],
	['website', '']
];

describe('public proposal schemas', () => {
	it('parses a form with repeated and nested fields', () => {
		const parsed = initiativeProposalSchema.parse(
			formDataToObject(form(valid), ['needs', 'thematiques', 'sectors'])
		);
		expect(parsed.needs).toEqual(['benevoles', 'materiel']);
		expect(parsed.place).toMatchObject({
			communeCode: '67482',
			quartierCode: 'SQ_06',
			locationMode: 'quartier'
		});
		expect(parsed.place.address).toBeUndefined();
		expect(parsed.website).toBeUndefined();
	});

	it('names the fields in error, in French', () => {
		const bad = valid.map(([k, v]): [string, string] =>
			k === 'name'
				? [k, '']
				: k === 'place.locationMode'
					? [k, 'address']
					: k === 'website'
						? [k, 'javascript:alert(1)']
						: [k, v]
		);
		const result = initiativeProposalSchema.safeParse(formDataToObject(form(bad), ['needs']));
		expect(result.success).toBe(false);
		const errors = zodErrors(result.error!);
		expect(errors.name).toMatch(/au moins 3 caractères|vide/);
		expect(errors['place.address']).toMatch(/indiquez l’adresse/);
		expect(errors.website).toMatch(/http/);
	});

	it('keeps hostile text as inert text', () => {
		const parsed = initiativeProposalSchema.parse(
			formDataToObject(
				form(valid.map(([k, v]) => (k === 'name' ? [k, '<script>alert(1)</script>'] : [k, v]))),
				['needs']
			)
		);
		expect(parsed.name).toBe('<script>alert(1)</script>');
	});

	it('ignores field names that would reach Object.prototype', () => {
		const out = formDataToObject(
			form([
				['__proto__.polluted', 'yes'],
				['constructor.prototype.polluted', 'yes'],
				['place.__proto__', 'x'],
				['name', 'ok']
			])
		);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(out).toEqual({ name: 'ok' });
	});

	it('requires an explanation for a change and refuses unknown fields', () => {
		expect(
			changeProposalSchema.safeParse({ targetId: 'csc-neudorf', changes: {}, explanation: 'court' }).success
		).toBe(false);
		expect(
			changeProposalSchema.safeParse({
				targetId: 'csc-neudorf',
				changes: { status: 'archived' },
				explanation: 'Le lieu a fermé en 2025.'
			}).success
		).toBe(false);
		expect(
			changeProposalSchema.safeParse({
				targetId: 'csc-neudorf',
				changes: { schedule: 'Le mardi' },
				explanation: 'Horaires changés.'
			}).success
		).toBe(true);
	});

	it('a correction holds only the fields the visitor changed, never an empty list by default', () => {
		const parsed = changeProposalSchema.parse({
			targetId: 'csc-neudorf',
			changes: { schedule: 'Le mardi' },
			explanation: 'Horaires changés.'
		});
		expect(parsed.changes).toEqual({ schedule: 'Le mardi' });
	});
});
