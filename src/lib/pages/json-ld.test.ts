import { describe, expect, it } from 'vitest';
import { serializeJsonLd, toolJsonLd } from './json-ld';
import { grant, guarantee, loan, SITE } from './test-data';

describe('JSON-LD', () => {
	const ref = [{ id: 'financeur-test', name: 'Financeur', slug: 'financeur-test' }];
	it('describes a loan as LoanOrCredit with amount, rate and term', () => {
		const ld = toolJsonLd(loan, ref, SITE);
		expect(ld).toMatchObject({
			'@context': 'https://schema.org',
			'@type': 'LoanOrCredit',
			url: `${SITE}/financements/pret-test`,
			amount: { '@type': 'MonetaryAmount', currency: 'EUR', minValue: 1000, maxValue: 20000 },
			interestRate: 0,
			loanTerm: { minValue: 12, maxValue: 60, unitCode: 'MON' },
			provider: [{ '@type': 'Organization', name: 'Financeur', url: `${SITE}/structures/financeur-test` }],
			dateModified: '2026-11-01'
		});
	});
	it('describes a grant as MonetaryGrant with its funder, and a guarantee as FinancialProduct', () => {
		expect(toolJsonLd(grant, ref, SITE)).toMatchObject({
			'@type': 'MonetaryGrant',
			funder: [{ name: 'Financeur' }]
		});
		expect(toolJsonLd(guarantee, ref, SITE)['@type']).toBe('FinancialProduct');
	});
	it('escapes characters that could end the script element', () => {
		expect(serializeJsonLd({ a: '</script>&\u2028' })).toBe('{"a":"\\u003c/script\\u003e\\u0026\\u2028"}');
		expect(serializeJsonLd({ a: '</script>\u2028' })).toBe('{"a":"\\u003c/script\\u003e\\u2028"}');
	});
});
