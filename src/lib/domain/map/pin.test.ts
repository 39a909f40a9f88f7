import { describe, expect, it } from 'vitest';
import { describePin, formatCoordinate, parseCoordinate, readPin } from './pin';

describe('the pin’s typed coordinates', () => {
	it('reads decimal points and commas, and nothing else', () => {
		expect(parseCoordinate(' 7,7521 ')).toBe(7.7521);
		expect(parseCoordinate('48.5734')).toBe(48.5734);
		expect(parseCoordinate('-0.5')).toBe(-0.5);
		for (const bad of ['', '7,75,21', '7.7.5', 'abc', '1e3', 'Infinity', '7 7521', null, undefined])
			expect(parseCoordinate(bad), String(bad)).toBeUndefined();
	});

	it('gives a pin only for two numbers in or near the Eurométropole (a swapped pair is no pin)', () => {
		expect(readPin('7,7521', '48,5734')).toEqual({ lon: 7.7521, lat: 48.5734 });
		expect(readPin('48.5734', '7.7521')).toBeUndefined();
		expect(readPin('2.35', '48.85')).toBeUndefined();
		expect(readPin('7.75', '')).toBeUndefined();
	});

	it('writes five decimals and says where the pin is in French', () => {
		expect(formatCoordinate(7.752134567)).toBe('7.75213');
		expect(formatCoordinate(48.5)).toBe('48.5');
		expect(describePin({ lon: 7.752134, lat: 48.57 })).toBe(
			'Repère placé : longitude 7,75213, latitude 48,57.'
		);
	});
});
