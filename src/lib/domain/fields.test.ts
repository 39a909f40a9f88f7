import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formatCell, parseCell } from '$lib/io/cells';
import { plainText } from './common';
import { UNION, field, metaOf } from './field-meta';
import { FIELDS, errorAnchor, fieldSpecs, groupFields, labelOfPath } from './fields';
import { mergeFields } from './merge';
import { newProposalSchema, newRecordForm, proposalDraft } from './proposal';
import { RECORD_KINDS, initiativeSchema } from './records';
import { initiativeFixture } from './test-fixtures';

describe('field metadata', () => {
	it('is read on either side of .optional() and .default()', () => {
		const meta = { label: 'Essai', group: 'identity', type: 'text' } as const;
		expect(metaOf(field(z.string(), meta).optional())).toEqual(meta);
		expect(metaOf(field(z.string().optional(), meta))).toEqual(meta);
		expect(metaOf(field(z.array(z.string()), meta).default([]).optional())).toEqual(meta);
		expect(metaOf(z.string())).toBeUndefined();
	});

	it('belongs to one field: a shared schema declared twice keeps two labels', () => {
		const shared = z.string();
		const a = field(shared, { label: 'A', group: 'identity', type: 'text' });
		const b = field(shared, { label: 'B', group: 'identity', type: 'text' });
		expect([metaOf(a)?.label, metaOf(b)?.label, metaOf(shared)]).toEqual(['A', 'B', undefined]);
	});

	it('is required of every record field', () => {
		const bare = z.strictObject({ kind: z.literal('x'), name: z.string() });
		expect(() => fieldSpecs(bare)).toThrow(/« name » has no metadata/);
	});

	it('gives every kind labelled, grouped fields with distinct columns and proposal names', () => {
		for (const kind of RECORD_KINDS) {
			const fields = FIELDS[kind];
			expect(fields.every((f) => f.label && f.group)).toBe(true);
			const columns = fields.map((f) => f.column);
			expect(new Set(columns).size).toBe(columns.length);
			const keys = fields.flatMap((f) => (f.propose ? [f.propose.key] : []));
			expect(new Set(keys).size).toBe(keys.length);
		}
		// Nested objects are flattened to the dotted paths that files and forms use.
		expect(FIELDS.organisation.map((f) => f.column)).toEqual(
			expect.arrayContaining(['contact.website', 'location.lon', 'location.precision'])
		);
		expect(FIELDS['funding-tool'].find((f) => f.path === 'termMonths.max')?.label).toBe(
			'Durée maximum (mois)'
		);
		expect(FIELDS['funding-tool'].find((f) => f.path === 'deferralMonths.max')?.label).toBe(
			'Différé maximum (mois)'
		);
	});

	it('says what is required, as the schema does, except what the form derives or a box', () => {
		const required = (path: string) => FIELDS.organisation.find((f) => f.path === path)?.required;
		expect([required('name'), required('roles')]).toEqual([true, true]);
		// An initiative is always somewhere; an organisation may instead act on a territory (a national body).
		expect(FIELDS.initiative.find((f) => f.path === 'communeCode')?.required).toBe(true);
		expect(required('communeCode')).toBe(false);
		expect([required('id'), required('isEss'), required('siret'), required('location.lon')]).toEqual([
			false,
			false,
			false,
			false
		]);
		expect(FIELDS.organisation.find((f) => f.path === 'synthetic')?.omitFalse).toBe(true);
	});

	it('labels errors of parts of a field, and anchors them to an input', () => {
		expect(labelOfPath('organisation', 'sources.0.url')).toBe('Sources');
		expect(labelOfPath('organisation', 'contact.email')).toBe('E-mail');
		expect(labelOfPath(undefined, 'version')).toBe('Version');
		expect(errorAnchor('location', 'organisation')).toBe('location.lon');
		expect(errorAnchor('eligibility', 'funding-tool')).toBe('eligibility.audiences');
		expect(errorAnchor('eligibility.audiences.0', 'funding-tool')).toBe('eligibility.audiences');
	});
});

describe('adding a field is one schema entry with its metadata', () => {
	// The languages an initiative's volunteers speak: a list visitors may propose, merged as a union.
	const withLanguages = initiativeSchema.extend({
		languages: field(z.array(plainText(40)).max(3), {
			label: 'Langues parlées',
			group: 'description',
			type: 'text-list',
			hint: 'une par ligne',
			merge: UNION,
			propose: { key: 'languages', create: 'who', label: 'Dans quelles langues ?' }
		}).default([])
	});
	const specs = fieldSpecs(withLanguages);
	const languages = specs.find((f) => f.path === 'languages')!;

	it('appears in the admin form, in its group', () => {
		expect(languages).toMatchObject({
			label: 'Langues parlées',
			type: 'text-list',
			hint: 'une par ligne',
			required: false,
			maxItems: 3
		});
		const description = groupFields(specs).find((g) => g.name === 'Description')!;
		expect(description.fields.map((f) => f.path)).toContain('languages');
	});

	it('is a CSV column that reads back what it writes', () => {
		expect(specs.map((f) => f.column)).toContain('languages');
		const cell = formatCell(languages, ['français', 'arabe']);
		expect(cell).toBe('français|arabe');
		expect(parseCell(languages, cell, { seen: '2026-01-01' })).toEqual({
			ok: true,
			value: ['français', 'arabe']
		});
	});

	it('is asked in the public form and validated with its own schema', () => {
		const form = newRecordForm('initiative', {}, withLanguages);
		const who = form.blocks.find((b) => b.block === 'fields' && b.legend === 'Qui, quand, comment');
		expect(who?.block === 'fields' && who.fields.find((f) => f.name === 'languages')).toMatchObject({
			label: 'Dans quelles langues ?',
			summary: 'Langues parlées',
			control: 'textarea',
			required: false
		});
		expect(form.labels.languages).toBe('Langues parlées');

		const schema = newProposalSchema(withLanguages, 'initiative');
		const answer = {
			name: 'Jardin des langues',
			description: 'Un jardin partagé où chacun apprend la langue des autres.',
			initiativeType: 'jardin-partage',
			carrierKind: 'collectif-habitants',
			place: { communeCode: '67482', locationMode: 'quartier' }
		};
		const parsed = schema.parse({ ...answer, languages: 'français\r\n arabe \n' });
		expect(parsed.languages).toEqual(['français', 'arabe']);
		expect(schema.safeParse({ ...answer, languages: 'a\nb\nc\nd' }).success).toBe(false);
		// Moderation puts it where the record has it.
		const draft = proposalDraft('initiative', parsed, {}, withLanguages);
		expect(draft).toMatchObject({
			languages: ['français', 'arabe'],
			carrier: { kind: 'collectif-habitants' }
		});
	});

	it('is merged by its rule', () => {
		const keep = withLanguages.parse(initiativeFixture({ languages: ['français', 'arabe'] } as object));
		const drop = withLanguages.parse(
			initiativeFixture({ id: 'autre', languages: ['arabe', 'turc', 'alsacien'] } as object)
		);
		expect(mergeFields(specs, keep, drop).languages).toEqual(['français', 'arabe', 'turc']);
	});
});
