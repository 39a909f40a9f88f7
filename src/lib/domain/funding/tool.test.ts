import { describe, expect, it } from 'vitest';
import { fundingToolSchema } from '../records';
import { toolFixture } from '../test-fixtures';
import { isOpenNow } from './tool';
import { byId, confirmed, NOW } from './test-seed';

describe('open now', () => {
	it('open now: open all year, or a call whose deadline has not passed', () => {
		const call = (deadline?: string) =>
			fundingToolSchema.parse(toolFixture({ availability: 'appel-a-projets', deadline }));
		expect(isOpenNow(confirmed('garantie-france-active'), NOW)).toBe(true);
		expect(isOpenNow(byId('garantie-france-active'), NOW)).toBe(false);
		expect(isOpenNow(call('2026-12-31'), NOW)).toBe(true);
		expect(isOpenNow(call('2026-11-28'), NOW)).toBe(false);
		expect(isOpenNow(call(), NOW)).toBe(false);
		expect(isOpenNow(byId('novess'), NOW)).toBe(false);
	});
});
