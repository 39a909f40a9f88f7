import { describe, expect, it } from 'vitest';
import { frenchDate } from './dates';

describe('frenchDate', () => {
	it('writes an ISO date in French words, whatever the server time zone', () => {
		expect(frenchDate('2026-11-29')).toBe('29 novembre 2026');
		expect(frenchDate('2026-01-01')).toBe('1 janvier 2026');
	});

	it('shows an unreadable date as written', () => {
		expect(frenchDate('hier')).toBe('hier');
	});
});
