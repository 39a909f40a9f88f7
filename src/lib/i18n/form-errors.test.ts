import { afterEach, describe, expect, it } from 'vitest';
import { contactErrors, contactMessageSchema } from '$lib/domain/contact';
import { zodErrors, type FieldErrors } from '$lib/domain/errors';
import { INTEREST_FIELDS, interestFormSchema, NEED_FIELDS, needFormSchema } from '$lib/domain/buyers/need';
import { PREMISES_LABELS, readOfferForm } from '$lib/domain/places/premises';
import {
	changeProposalSchema,
	eventProposalSchema,
	initiativeProposalSchema,
	organisationProposalSchema,
	placeProposalSchema
} from '$lib/domain/proposal';
import { checkZone, moveZoneErrors, placeProposal, preparePlace } from '$lib/domain/proposal-form';
import { overwriteGetLocale } from '$lib/paraglide/runtime';
import { localizeErrors, translateError } from './form-errors';

afterEach(() => overwriteGetLocale(() => 'fr'));

const long = 'x'.repeat(6000);

/** Every message the public forms' real schemas give for blank, wrong and oversized answers. */
function formErrors(): FieldErrors[] {
	const out: FieldErrors[] = [];
	const proposals = [
		{},
		{ place: { zone: '', locationMode: 'address' } },
		{
			name: 'a',
			description: 'short',
			place: { zone: 'zz', locationMode: 'pin', lon: 'abc', lat: '999' },
			submitterEmail: 'bad',
			website: 'javascript:x',
			email: 'x',
			phone: 'abc',
			siret: '12',
			startDate: '2027-13-45',
			startTime: '25:00',
			eventUrl: 'ftp://x',
			initiativeType: 'zzz',
			carrierKind: 'zz',
			legalForm: 'zz',
			roles: ['zz'],
			placeTypes: ['zz'],
			terms: 'zz',
			sectors: ['zz']
		},
		{ name: long, description: long, place: { zone: '67482', locationMode: 'quartier', address: long } },
		{ name: '   ', description: '  ', place: { zone: '67482', locationMode: 'pin' } }
	];
	for (const schema of [
		initiativeProposalSchema,
		organisationProposalSchema,
		placeProposalSchema,
		eventProposalSchema
	])
		for (const input of proposals) {
			const raw: Record<string, unknown> = structuredClone(input);
			preparePlace(raw);
			const parsed = schema.safeParse(raw);
			if (!parsed.success) out.push(moveZoneErrors(zodErrors(parsed.error)));
		}
	const change = changeProposalSchema.safeParse({
		targetId: 'x',
		changes: { website: 'bad', phone: 'x' },
		explanation: 'short'
	});
	if (!change.success) out.push(zodErrors(change.error));
	const refs = {
		communes: [{ code: '67482', name: 'Strasbourg', centroid: { lon: 7.75, lat: 48.58 } }],
		quartiers: []
	};
	out.push({
		'place.zone': checkZone({ communeCode: '99999' }, refs)!,
		'place.quartier': checkZone({ communeCode: '67482', quartierCode: 'SQ_99' }, refs)!
	});
	const outside = placeProposal({ communeCode: '67482', locationMode: 'pin', lon: 2.3, lat: 48.8 }, refs);
	if (!outside.ok) out.push({ [outside.field]: outside.message });
	for (const input of [{}, { name: 'a\nb', email: 'x', message: 'short' }, { name: long, message: long }]) {
		const parsed = contactMessageSchema.safeParse(input);
		if (!parsed.success) out.push(contactErrors(parsed.error, input));
	}
	const need = needFormSchema('2026-12-05', new Set(['strasbourg']));
	for (const input of [
		{},
		{
			titre: 'a',
			activite: 'zz',
			lieu: 'zz',
			base: 'zz',
			echeance: '2020-01-01',
			description: 'x',
			email: 'x'
		},
		{ echeance: '2026-02-30' },
		{ echeance: '2030-01-01', titre: long }
	]) {
		const parsed = need.safeParse(input);
		if (!parsed.success) out.push(zodErrors(parsed.error));
	}
	const interest = interestFormSchema.safeParse({
		structure: 'a',
		email: 'x',
		telephone: long,
		message: 'x'
	});
	if (!interest.success) out.push(zodErrors(interest.error));
	const now = new Date('2026-12-05T10:00:00Z');
	for (const input of [
		{},
		{
			surface: 'x',
			rentKind: 'loyer',
			rentMin: 'x',
			rentMax: '-3',
			availableUntil: '01/01/2020',
			contact: 'a'
		},
		{
			surface: '0',
			rentKind: 'loyer',
			rentMin: '5.5',
			rentMax: '200000',
			availableFrom: '01/01/2027',
			availableUntil: '01/06/2028'
		},
		{
			surface: '2.5',
			rentKind: 'loyer',
			rentMin: '500',
			rentMax: '100',
			availableFrom: '01/02/2027',
			availableUntil: '01/01/2027'
		}
	]) {
		const read = readOfferForm(input, now);
		if (!read.ok) out.push(read.errors);
	}
	return out;
}

/** The French labels the needs' and premises' messages begin with, and a stand-in for their translation. */
const LABELS = Object.fromEntries(
	[NEED_FIELDS, INTEREST_FIELDS, PREMISES_LABELS].flatMap((fields, i) =>
		Object.entries(fields).map(([k, fr]) => [`${i}.${k}`, { fr, label: `<${k}>` }])
	)
);

describe('form errors in the reader’s language', () => {
	it('leaves a French page’s messages exactly as lib/domain wrote them', () => {
		for (const errors of formErrors())
			expect(localizeErrors(errors, { labels: LABELS })).toEqual({ errors, french: [] });
	});

	for (const locale of ['de', 'en'] as const)
		it(`translates every rule the public forms meet, in ${locale}`, () => {
			overwriteGetLocale(() => locale);
			const untranslated: string[] = [];
			for (const errors of formErrors()) {
				const shown = localizeErrors(errors, { labels: LABELS });
				for (const name of shown.french) untranslated.push(errors[name]);
				for (const [name, message] of Object.entries(shown.errors))
					if (!shown.french.includes(name)) expect(message, errors[name]).not.toBe(errors[name]);
			}
			expect(untranslated).toEqual([]);
		});

	it('writes the numbers of a rule and the field’s label in the reader’s language', () => {
		overwriteGetLocale(() => 'de');
		expect(translateError('au moins 20 caractères')).toBe('mindestens 20 Zeichen');
		expect(translateError('trop long (5000 caractères au plus)')).toBe('zu lang (höchstens 5000 Zeichen)');
		expect(
			translateError('Titre du besoin : au moins 5 caractères', {
				labels: { titre: { fr: 'Titre du besoin', label: 'Titel des Bedarfs' } }
			})
		).toBe('Titel des Bedarfs: mindestens 5 Zeichen');
		overwriteGetLocale(() => 'en');
		expect(
			translateError('Votre envoi dépasse 32 Ko : raccourcissez le message (5 000 caractères au plus).')
		).toBe('What you sent is over 32 KB: please shorten the text (5000 characters at most).');
	});

	it('keeps a rule nobody translated in French, and names its field so the page marks it', () => {
		overwriteGetLocale(() => 'en');
		const hours = '« blah » illisible : indiquez des jours ou une date, puis des horaires ou « fermé »';
		expect(localizeErrors({ openingHours: hours, name: 'ne doit pas être vide' })).toEqual({
			errors: { openingHours: hours, name: 'must not be empty' },
			french: ['openingHours']
		});
		// A label alone is not enough: the rest must be a known rule too.
		expect(translateError('Titre du besoin : quelque chose de neuf', { labels: LABELS })).toBeUndefined();
	});

	it('takes a caller’s own rules after the shared ones', () => {
		overwriteGetLocale(() => 'en');
		expect(translateError('montant trop rond', { rules: [['montant trop rond', () => 'too round']] })).toBe(
			'too round'
		);
		expect(
			translateError(/* shared rule first */ 'ne doit pas être vide', {
				rules: [['ne doit pas être vide', () => 'x']]
			})
		).toBe('must not be empty');
	});
});
