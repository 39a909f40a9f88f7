import { describe, expect, it } from 'vitest';
import { hoursFromText, hoursToText, normaliseRule } from './opening-hours-input';
import { parseOpeningHours } from './opening-hours';

describe('opening hours typed in words', () => {
	it.each([
		['du lundi au vendredi de 9h à 18h', 'lu-ve 09:00-18:00'],
		['Samedi 10h-12h et 14h-17h', 'sa 10:00-12:00,14:00-17:00'],
		['le samedi : de 10 h 30 à 12h, puis de 14h à 17h', 'sa 10:30-12:00,14:00-17:00'],
		['lundi, mercredi et vendredi 9:00-12:00', 'lu,me,ve 09:00-12:00'],
		['Les jours fériés : fermé', 'fériés fermé'],
		['24/12/2026 9h-12h', '2026-12-24 09:00-12:00'],
		['du 28/12/2026 au 31/12/2026 fermé', '2026-12-28..2026-12-31 fermé'],
		['tous les jours 8h – 20h', 'lu-di 08:00-20:00'],
		['vendredi 20h-2h', 've 20:00-02:00'],
		['lu-ve 09:00-18:00', 'lu-ve 09:00-18:00']
	])('« %s » reads as « %s »', (typed, rule) => {
		expect(normaliseRule(typed)).toBe(rule);
		expect(parseOpeningHours(rule).ok).toBe(true);
	});

	it('joins the lines into the strict line the record keeps', () => {
		expect(hoursFromText('du lundi au vendredi de 9h à 18h\r\nsamedi 10h-12h\n\njours fériés fermé')).toEqual(
			{
				ok: true,
				line: 'lu-ve 09:00-18:00; sa 10:00-12:00; fériés fermé'
			}
		);
	});

	it('names the line it cannot read, in French', () => {
		const r = hoursFromText('lundi 9h-12h\nmarbre 9h-12h');
		expect(r.ok).toBe(false);
		if (!r.ok) {
			expect(r.error).toMatch(/^ligne 2, « marbre 9h-12h » illisible : jour « marbre » inconnu/);
		}
		const one = hoursFromText('lundi matin');
		expect(one.ok).toBe(false);
		if (!one.ok) expect(one.error).toMatch(/^« lundi matin » illisible : horaire « matin » illisible/);
		expect(hoursFromText('  \n ').ok).toBe(false);
	});

	it('shows a strict line one rule a line, which reads back the same', () => {
		const line = 'lu-ve 09:00-18:00; sa 10:00-12:00,14:00-17:00; fériés fermé';
		expect(hoursToText(line)).toBe('lu-ve 09:00-18:00\nsa 10:00-12:00,14:00-17:00\nfériés fermé');
		expect(hoursFromText(hoursToText(line))).toEqual({ ok: true, line });
	});
});
