import { describe, expect, it } from 'vitest';
import { FIELDS } from './fields';
import { organisationSchema } from './records';
import { applyOffers, defaultPolicy, effectivePolicy, policiesFor } from './record-update';
import { organisationFixture } from './test-fixtures';

const specs = FIELDS.organisation;
const spec = (path: string) => specs.find((f) => f.path === path)!;
const curated = organisationSchema.parse(
	organisationFixture({
		description: 'Texte relu par la CRESS.',
		tags: ['vélo'],
		thematiques: ['initiatives-habitants'],
		sources: [{ url: 'https://exemple.org/a', seen: '2026-01-01' }],
		contact: { email: 'contact@exemple.org' }
	})
);

describe('update policies', () => {
	it('defaults from the merge metadata: lists merged as a union are added to, everything else only filled', () => {
		expect(defaultPolicy(spec('sources'))).toBe('union');
		expect(defaultPolicy(spec('thematiques'))).toBe('union');
		expect(defaultPolicy(spec('tags'))).toBe('union');
		expect(defaultPolicy(spec('description'))).toBe('fill');
		expect(defaultPolicy(spec('roles'))).toBe('fill');
		expect(policiesFor(spec('description'))).toEqual(['fill', 'replace']);
		expect(effectivePolicy(spec('description'), 'union')).toBe('fill');
	});

	it('fill: takes a value only where the record has none, and reports the others', () => {
		const { next, changed, kept } = applyOffers(specs, curated, [
			{ path: 'description', value: 'Texte du fichier.' },
			{ path: 'contact.phone', value: '03 88 00 00 00' },
			{ path: 'contact.email', value: 'contact@exemple.org' },
			{ path: 'address', value: undefined }
		]);
		expect(next.description).toBe('Texte relu par la CRESS.');
		expect(next.contact.phone).toBe('03 88 00 00 00');
		expect(changed).toEqual(['contact.phone']);
		expect(kept).toEqual([
			{ path: 'description', current: 'Texte relu par la CRESS.', offered: 'Texte du fichier.' }
		]);
		expect(curated.contact.phone).toBeUndefined();
	});

	it('union: adds list items without repeats, a source identified by its address', () => {
		const { next, changed } = applyOffers(specs, curated, [
			{ path: 'tags', value: ['vélo', 'réparation'] },
			{
				path: 'sources',
				value: [
					{ url: 'https://exemple.org/a', seen: '2026-12-01' },
					{ url: 'https://exemple.org/b', seen: '2026-12-01' }
				]
			}
		]);
		expect(next.tags).toEqual(['vélo', 'réparation']);
		expect(next.sources).toEqual([
			{ url: 'https://exemple.org/a', seen: '2026-01-01' },
			{ url: 'https://exemple.org/b', seen: '2026-12-01' }
		]);
		expect(changed).toEqual(['tags', 'sources']);
	});

	it('replace: only when chosen, and an empty cell then clears the field', () => {
		const { next, kept } = applyOffers(
			specs,
			curated,
			[
				{ path: 'description', value: 'Texte du fichier.' },
				{ path: 'tags', value: ['réparation'] },
				{ path: 'contact.email', value: undefined }
			],
			{ description: 'replace', tags: 'replace', 'contact.email': 'replace' }
		);
		expect(next.description).toBe('Texte du fichier.');
		expect(next.tags).toEqual(['réparation']);
		expect(next.contact.email).toBeUndefined();
		expect(kept).toEqual([]);
	});
});
