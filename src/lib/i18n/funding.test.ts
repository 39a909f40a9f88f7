import { afterEach, describe, expect, it } from 'vitest';
import { CRITERIA, evaluateTool, type Criterion } from '$lib/domain/funding/criteria';
import { audienceSummary as frenchAudienceSummary, fitSummary as frenchFit } from '$lib/domain/funding/memo';
import { profileSummary as frenchProfileSummary } from '$lib/domain/funding/profile';
import { parseFinderParams } from '$lib/domain/funding/profile-parse';
import { NOW, geo, run, tools } from '$lib/domain/funding/test-seed';
import { overwriteGetLocale } from '$lib/paraglide/runtime';
import {
	amountLabel,
	audienceSummary,
	blockingText,
	criterionText,
	fieldErrorText,
	fitSummary,
	formatEuros,
	hintText,
	monthsRangeLabel,
	neighbourReason,
	noGrantText,
	plain,
	profileSummary,
	qpvText,
	rateLabel,
	stagesLabel,
	territoryName
} from './funding';

afterEach(() => overwriteGetLocale(() => 'fr'));
const inLocale = (locale: 'fr' | 'de' | 'en') => overwriteGetLocale(() => locale);

/** Every criterion the finder gives for a set of profiles: each code is met at least once. */
const PROFILES = [
	'',
	'structure=association&stade=creation&montant=20000&territoire=67482',
	'structure=porteur&stade=emergence&montant=5000&territoire=qpv-hautepierre',
	'structure=fiscalisee&forme=scop&stade=developpement&montant=300000&besoin=investissement&territoire=hors-ems',
	'structure=fiscalisee&forme=sas&stade=reprise&montant=50&territoire=68066',
	'structure=association&forme=association&stade=changement-echelle&besoin=fonctionnement&territoire=qpv'
];
// No seed tool requires an approval yet: one that does, beside them.
const withApproval = [
	...tools,
	{
		...tools[0],
		id: 'avec-agrement',
		eligibility: { ...tools[0].eligibility, requiredApprovals: ['esus' as const] }
	}
];
// Two years on, every record is to be re-verified: the freshness criterion shows too.
const LATER = new Date('2028-12-01T12:00:00Z');
const criteria: Criterion[] = [NOW, LATER].flatMap((now) =>
	PROFILES.flatMap((q) => {
		const { profile } = parseFinderParams(new URLSearchParams(q), geo);
		return withApproval.flatMap((t) => {
			const e = evaluateTool(t, profile, { now, communeName: () => 'Strasbourg' });
			return [...e.met, ...e.unmet, ...e.unchecked];
		});
	})
);

describe('the finder in French', () => {
	it('shows the domain’s sentences unchanged', () => {
		for (const c of criteria) expect(plain(criterionText(c))).toBe(c.text);
		const r = run('structure=porteur&stade=creation&territoire=qpv-hautepierre');
		for (const h of r.hints) expect(plain(hintText(h))).toBe(h.text);
		expect(qpvText(r.qpv!).map(plain)).toEqual(r.qpv!.text);
		for (const e of r.matches) expect(fitSummary(e, frenchFit(e))).toBe(frenchFit(e));
		const { profile } = parseFinderParams(
			new URLSearchParams('structure=association&stade=creation&montant=20000&territoire=67482'),
			geo
		);
		expect(profileSummary(profile, frenchProfileSummary(profile))).toBe(frenchProfileSummary(profile));
	});

	it('writes amounts, durations and rates as lib/domain does', () => {
		expect(formatEuros(20000)).toBe('20\u202f000\u00a0€');
		expect(amountLabel({ min: 1000, max: 8000 })).toBe('1\u202f000\u00a0€ à 8\u202f000\u00a0€');
		expect(monthsRangeLabel({ min: 60, max: 84 })).toBe('5 à 7 ans');
		expect(rateLabel(1.5)).toBe('1,5 % par an');
		expect(stagesLabel(['emergence', 'changement-echelle'])).toBe("émergence ou changement d'échelle");
	});
});

describe('the finder in German and English', () => {
	for (const locale of ['de', 'en'] as const)
		it(`writes every criterion in ${locale}, names and quoted conditions marked French`, () => {
			inLocale(locale);
			const codes = new Set(criteria.map((c) => c.say.code));
			// Every rule of the table gives at least one sentence across the profiles.
			const missing = CRITERIA.filter((rule) => ![...codes].some((c) => c.startsWith(rule.key.slice(0, 4))));
			expect(missing.map((rule) => rule.key)).toEqual([]);
			for (const c of criteria) {
				const rich = criterionText(c);
				const text = plain(rich);
				expect(text).not.toBe('');
				expect(text).not.toMatch(/fin_|undefined|NaN|\uE000|\uE001/);
				if (c.say.code === 'condition') expect(rich).toEqual([{ text: c.text, fr: true }]);
				// The site's own words are not French any more (a condition is quoted from the data).
				else expect(text).not.toBe(c.text);
			}
		});

	it('says a need, a range and a deadline in German', () => {
		inLocale('de');
		const below = criteria.find((c) => c.say.code === 'montant-below-min');
		expect(plain(criterionText(below!))).toMatch(
			/^Betrag: mindestens [\d.]+\s€, mehr als Ihr Bedarf von [\d.]+\s€$/
		);
		expect(formatEuros(20000)).toBe('20.000\u00a0€');
		expect(amountLabel({ max: 10000, year: 2024 })).toBe('Bis zu 10.000\u00a0€ (Stand 2024)');
		expect(monthsRangeLabel({ min: 60, max: 84 })).toBe('5 bis 7 Jahre');
		expect(monthsRangeLabel({ max: 18 })).toBe('höchstens 18 Monate');
		expect(rateLabel(0)).toBe('Zinsfrei (0 %)');
		expect(rateLabel(1.5)).toMatch(/^1,5\s%\spro Jahr$/);
	});

	it('says a profile and a stage in English', () => {
		inLocale('en');
		const { profile } = parseFinderParams(
			new URLSearchParams('structure=association&stade=creation&montant=20000&territoire=67482'),
			geo
		);
		expect(profileSummary(profile, '')).toBe(
			'tax-exempt association · start-up stage · €20,000 needed · Strasbourg'
		);
		expect(formatEuros(1500000)).toBe('€1,500,000');
		expect(stagesLabel(['emergence', 'creation'])).toBe('emergence or start-up');
		const hors = parseFinderParams(new URLSearchParams('territoire=68066'), geo).profile.territoire!;
		expect(territoryName(hors)).toBe('Commune 68066 (Haut-Rhin, outside the Eurométropole)');
	});

	it('explains the neighbouring stage, the QPV answer and no grant with tool names marked French', () => {
		inLocale('en');
		const r = run('structure=association&stade=creation&montant=20000&territoire=qpv-hautepierre');
		expect(r.neighbours.length).toBeGreaterThan(0);
		const n = r.neighbours.find((x) => x.stage === 'emergence')!;
		expect(neighbourReason(n)).toBe(
			'Written for the emergence stage: may still fit if your activity has not really started yet (study, testing, first steps); tell the funder'
		);
		const qpv = qpvText(r.qpv!);
		expect(plain(qpv[0])).toMatch(/^Your answer “QPV .+” (changes|does not change) your results/);
		expect(qpv[0].some((s) => s.fr)).toBe(true);
		expect(plain(qpv.at(-1)!)).toMatch(/^Urban policy funds/);
		const noGrant = noGrantText(r.noGrant!);
		expect(noGrant.why.length).toBe(r.noGrant!.why.length);
		expect(plain(noGrant.why[0])).toMatch(/^Written for another stage: /);
		expect(noGrant.why[0].filter((s) => s.fr).map((s) => s.text)).toContain(
			'Pacte Émergence / Fonds de confiance (France Active)'
		);
		for (const e of r.excluded) expect(plain(blockingText(e))).not.toMatch(/ ; |réservé/);
	});

	it('writes hints, memo rows and errors in German', () => {
		inLocale('de');
		const r = run('structure=fiscalisee&stade=creation&montant=50000&territoire=67482');
		expect(r.hints.length).toBeGreaterThan(0);
		for (const h of r.hints) {
			const text = plain(hintText(h));
			expect(text).not.toMatch(/garantit|prêt d’honneur|accompagnement qui/);
		}
		const e = r.matches[0];
		expect(fitSummary(e, frenchFit(e))).toMatch(/^Passt: /);
		expect(audienceSummary(e.tool, frenchAudienceSummary(e.tool))).not.toBe(frenchAudienceSummary(e.tool));
		const bad = parseFinderParams(
			new URLSearchParams('montant=abc&stade=demain&forme=scop&structure=porteur'),
			geo
		);
		expect(bad.errors.map(fieldErrorText)).toEqual([
			'Unbekannter Wert: „demain“; wählen Sie eine der angebotenen Antworten',
			'Ungültiger Betrag: Geben Sie eine ganze Zahl in Euro an, zum Beispiel 20000',
			'Ein Projektträger ohne eigene Organisation hat noch keine Rechtsform: Lassen Sie dieses Feld leer'
		]);
	});
});
