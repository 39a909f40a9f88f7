import { afterEach, describe, expect, it } from 'vitest';
import { correctionForm, newRecordForm, type PublicForm } from '$lib/domain/proposal';
import { RECORD_KINDS } from '$lib/domain/records';
import { overwriteGetLocale } from '$lib/paraglide/runtime';
import { formText, localizeForm } from './proposal-form';

afterEach(() => overwriteGetLocale(() => 'fr'));

const FORMS: PublicForm[] = [
	...(['initiative', 'organisation', 'place', 'event'] as const).map((kind) =>
		newRecordForm(kind, { thematique: [{ code: 'alimentation', label: 'Alimentation' }] })
	),
	...RECORD_KINDS.map((kind) => correctionForm(kind))
];

/** Every text a form shows, by where it is. */
function texts(form: PublicForm): string[] {
	const out = Object.values(form.labels);
	for (const b of form.blocks) {
		if (b.block !== 'fields') continue;
		out.push(...[b.legend, b.hint, b.note, b.folded].filter((t): t is string => t !== undefined));
		for (const f of b.fields) out.push(...[f.label, f.summary, f.hint].filter((t): t is string => !!t));
	}
	return out;
}

describe('the proposal forms in the reader’s language', () => {
	it('has a translation for every text of the four forms and the correction forms', () => {
		const missing = FORMS.flatMap(texts).filter((t) => formText(t) === undefined);
		expect([...new Set(missing)]).toEqual([]);
	});

	it('leaves a French form as lib/domain wrote it', () => {
		for (const form of FORMS) expect(localizeForm(form)).toBe(form);
	});

	it('writes labels, hints, legends and choices in German, keeping the codes the form posts', () => {
		overwriteGetLocale(() => 'de');
		const fieldsOf = (form: PublicForm) => form.blocks.flatMap((b) => (b.block === 'fields' ? b.fields : []));
		const form = localizeForm(FORMS[0]);
		const field = (name: string) => fieldsOf(form).find((f) => f.name === name)!;
		const french = (name: string) => fieldsOf(FORMS[0]).find((f) => f.name === name)!;
		expect(field('name').label).toBe('Name der Initiative');
		expect(form.labels.name).toBe('Name');
		expect(form.labels['place.zone']).toBe('Viertel oder Gemeinde');
		expect(form.blocks[0]).toMatchObject({ legend: 'Die Initiative' });
		expect(field('needs').options?.map((o) => o.code)).toEqual(french('needs').options?.map((o) => o.code));
		expect(field('needs').options?.find((o) => o.code === 'benevoles')?.label).not.toBe(
			french('needs').options?.find((o) => o.code === 'benevoles')?.label
		);
	});
});
