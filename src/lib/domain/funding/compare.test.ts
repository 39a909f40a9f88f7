import { describe, expect, it } from 'vitest';
import { parseCompareParams, relatedTools } from './compare';
import { byId, tools } from './test-seed';

describe('compare and related tools', () => {
	it('compare: up to three tools, comma-separated or repeated, duplicates dropped', () => {
		expect(parseCompareParams(new URLSearchParams('outils=a1,b2&outils=a1&outils=c3'))).toEqual({
			slugs: ['a1', 'b2', 'c3'],
			errors: []
		});
		const many = parseCompareParams(new URLSearchParams('outils=a1,b2,c3,d4'));
		expect(many.slugs).toEqual(['a1', 'b2', 'c3']);
		expect(many.errors[0]).toMatch(/4 outils : seuls les 3 premiers/);
		expect(parseCompareParams(new URLSearchParams('outils=<script>')).errors[0]).toMatch(/invalide/);
	});

	it('related tools: combined both ways, then same type', () => {
		const r = relatedTools(byId('accompagnement-cooproduction'), tools);
		expect(r.combined.map((t) => t.id)).toEqual(['porte-entree-ess-creation']);
		const g = relatedTools(byId('garantie-france-active'), tools);
		expect(g.sameType.map((t) => t.id)).toEqual(expect.arrayContaining(['garantie-sofiscop']));
		expect(g.sameType.map((t) => t.id)).not.toContain('garantie-france-active');
	});
});
