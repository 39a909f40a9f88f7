import { describe, expect, it } from 'vitest';
import { fundingToolSchema, initiativeSchema, organisationSchema } from './records';
import { publicView } from './public-view';
import { initiativeFixture, organisationFixture, toolFixture } from './test-fixtures';

const published = new Set(['parent', 'porteuse', 'financeur', 'autre-outil']);
const isPublished = (id: string) => published.has(id);

describe('publicView', () => {
	it('drops a parent, a carrier, a combination and a provider nobody published', () => {
		const child = organisationSchema.parse(organisationFixture({ parentId: 'brouillon' }));
		expect(publicView(child, isPublished)).not.toHaveProperty('parentId');
		const init = initiativeSchema.parse(
			initiativeFixture({ carrier: { kind: 'association', name: 'Asso', organisationId: 'archivee' } })
		);
		expect(publicView(init, isPublished).carrier).toEqual({ kind: 'association', name: 'Asso' });
		const tool = fundingToolSchema.parse(
			toolFixture({
				providerIds: ['financeur', 'brouillon'],
				combinesWith: ['autre-outil', 'outil-brouillon']
			})
		);
		expect(publicView(tool, isPublished)).toMatchObject({
			providerIds: ['financeur'],
			combinesWith: ['autre-outil']
		});
		// The catalogue names an unpublished provider on its published tools' pages.
		expect(publicView(tool, isPublished, { keepProviders: true })).toMatchObject({
			providerIds: ['financeur', 'brouillon'],
			combinesWith: ['autre-outil']
		});
		expect(tool.providerIds).toEqual(['financeur', 'brouillon']);
	});

	it('returns the same object when every link is published', () => {
		const child = organisationSchema.parse(organisationFixture({ parentId: 'parent' }));
		expect(publicView(child, isPublished)).toBe(child);
		const tool = fundingToolSchema.parse(toolFixture({ providerIds: ['financeur'] }));
		expect(publicView(tool, isPublished)).toBe(tool);
	});
});
