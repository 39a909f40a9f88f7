/**
 * The public forms in German and English: a proposal sent with errors (the summary and each field's message
 * in the page's language, the summary focused), then valid (thanks and follow-up pages, the decision mailed
 * in that language), a contact message (relayed to a French structure in French, the writer's text as
 * written, its language said), a buyer's need with an error then valid, and a premises offer. No raw key,
 * no « not translated » notice, axe; the form at 320 px without sideways scroll.
 */
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures';
import { getRecordById, updateRecord } from '../src/lib/server/db/records';
import type { PublicRecord } from '../src/lib/domain/records';
import type { ReceivedMail } from '../src/lib/server/mail/test-smtp';
import { ensureAccount, gotoReady, login } from './admin-helpers';
import { e2eStore } from './store';
import { expectNoAxeViolations, expectOneH1 } from './helpers';
import { expectNoRawKey, NOT_TRANSLATED_NOTICE } from './i18n-helpers';
import { expectNoSidewaysScroll } from './layout-helpers';

const EDITOR = 'kim-langues@example.org';
const ORG = { id: 'emmaus-strasbourg', slug: 'emmaus-strasbourg' };
const PUBLISHED = 'emmaus-e2e@example.org';
const PLACE = 'la-semencerie-ateliers';
const unique = (what: string) => `${what} ${Date.now().toString(36)}`;

const WORDS = {
	de: {
		proposeHeading: 'Eine Initiative von Bewohnerinnen und Bewohnern vorschlagen',
		submit: 'Vorschlag senden',
		summary: /Angaben müssen korrigiert werden/,
		descriptionError: 'mindestens 20 Zeichen',
		zoneError: 'Bitte wählen Sie das Viertel oder die Gemeinde',
		thanks: 'Danke, Ihr Vorschlag ist eingegangen',
		follow: /^Verfolgung des Vorschlags ESS-/,
		pending: 'Wartet auf Prüfung',
		mailSubject: 'wurde nicht angenommen',
		contactSubmit: 'Nachricht senden',
		contactSent: 'Danke, Ihre Nachricht ist gesendet',
		contactError: 'Bitte schreiben Sie Ihre Nachricht',
		language: 'allemande',
		needHeading: 'Einen Einkaufsbedarf veröffentlichen',
		needSubmit: 'Zur Veröffentlichung senden',
		needError: 'Titel des Bedarfs: mindestens 5 Zeichen',
		needFollow: 'Verfolgung Ihres Bedarfs',
		premisesSubmit: 'Angebot senden',
		premisesError: 'Bitte geben Sie die Fläche in Quadratmetern an',
		premisesThanks: 'Danke: Ihr Angebot ist eingegangen'
	},
	en: {
		proposeHeading: 'Propose a residents’ initiative',
		submit: 'Send the proposal',
		summary: /answers need correcting/,
		descriptionError: 'at least 20 characters',
		zoneError: 'choose the neighbourhood or the municipality',
		thanks: 'Thank you, your proposal has been received',
		follow: /^Follow-up of proposal ESS-/,
		pending: 'Waiting to be read',
		mailSubject: 'has not been accepted',
		contactSubmit: 'Send the message',
		contactSent: 'Thank you, your message has been sent',
		contactError: 'write your message',
		language: 'anglaise',
		needHeading: 'Publish a purchasing need',
		needSubmit: 'Send for publication',
		needError: 'Title of the need: at least 5 characters',
		needFollow: 'Follow-up of your need',
		premisesSubmit: 'Send the offer',
		premisesError: 'give the surface area in square metres',
		premisesThanks: 'Thank you: your offer has been received'
	}
} as const;

/** French words that must not be left in a translated form's errors. */
const FRENCH_ERRORS = /caractères|indiquez|choisissez|réponses sont à corriger|obligatoire/;

async function mails(): Promise<ReceivedMail[]> {
	const res = await fetch(`${process.env.E2E_MAIL_URL}/messages`);
	return (await res.json()) as ReceivedMail[];
}

async function mailWith(marker: string): Promise<ReceivedMail> {
	await expect
		.poll(async () => (await mails()).filter((m) => m.text.includes(marker)).length, { timeout: 15_000 })
		.toBe(1);
	return (await mails()).find((m) => m.text.includes(marker))!;
}

/** The page is in `locale`, translated, with no key left raw and no accessibility violation. */
async function expectTranslated(page: Page, locale: 'de' | 'en') {
	await expect(page.locator('html')).toHaveAttribute('lang', locale);
	await expect(page.getByText(NOT_TRANSLATED_NOTICE)).toHaveCount(0);
	await expectNoRawKey(page);
	await expectOneH1(page);
	await expectNoAxeViolations(page);
}

/** The public forms count every client of this machine: this file's posts must not use up the others'. */
async function freeFormSlots() {
	const db = await e2eStore();
	await db.run('DELETE FROM form_slots');
	await db.close();
}

test.beforeAll(async () => {
	await ensureAccount(EDITOR, 'Kim Langues', 'editor');
	await freeFormSlots();
	// The seed publishes no e-mail: give the structure the one the contact journeys use.
	const db = await e2eStore();
	const org = (await getRecordById(db, ORG.id))!;
	if (org.kind === 'organisation' && org.contact.email !== PUBLISHED) {
		const { version, ...record } = org;
		const updated = { ...record, contact: { ...record.contact, email: PUBLISHED } } as PublicRecord;
		expect(
			(await updateRecord(db, updated, { expectedVersion: version, by: null, action: 'update' })).ok
		).toBe(true);
	}
	await db.close();
});
test.afterAll(freeFormSlots);

for (const locale of ['de', 'en'] as const) {
	const w = WORDS[locale];

	test(`/${locale}/proposer: errors in ${locale}, then thanks, follow-up and the decision mailed in ${locale}`, async ({
		page
	}) => {
		// A proposal, its follow-up, a moderation in the workspace and a mail: a long journey.
		test.slow();
		await page.goto(`/${locale}/proposer/initiative`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(w.proposeHeading);
		await expectTranslated(page, locale);

		await page.locator('#f-description').fill('Trop court');
		await page.getByRole('button', { name: w.submit }).click();
		const summary = page.getByRole('alert');
		await expect(summary).toBeFocused();
		await expect(summary).toContainText(w.summary);
		await expect(summary).toContainText(w.descriptionError);
		await expect(summary).not.toContainText(FRENCH_ERRORS);
		await expect(page.locator('#f-description-erreur')).toContainText(w.descriptionError);
		await expect(page.locator('#f-place-zone-erreur')).toContainText(w.zoneError);
		await expect(page.locator('#f-description')).toHaveValue('Trop court');
		await expect(page).toHaveTitle(/^(Fehler|Error): /);
		await expectTranslated(page, locale);

		const name = unique(`Jardin ${locale}`);
		await page.locator('#f-name').fill(name);
		await page.locator('#f-description').fill('Un jardin partagé au pied des immeubles, ouvert à tous.');
		await page.locator('#f-initiativeType').selectOption('jardin-partage');
		await page.locator('input[name="carrierKind"][value="collectif-habitants"]').check();
		await page.locator('#f-place-zone').selectOption('67482:SQ_06');
		await page.locator('input[name="place.locationMode"][value="quartier"]').check();
		await page.locator('#f-submitterEmail').fill(`jardin.${locale}.e2e@example.org`);
		await page.getByRole('button', { name: w.submit }).click();

		await expect(page).toHaveURL(new RegExp(`^[^?]*/${locale}/proposer/merci/ESS-`));
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(w.thanks);
		await expectTranslated(page, locale);
		const reference = (await page.locator('.ref').textContent())!.trim();
		await page.getByRole('link', { name: new RegExp(reference) }).click();
		await expect(page).toHaveURL(new RegExp(`/${locale}/proposer/suivi/${reference}$`));
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(w.follow);
		await expect(page.getByRole('status')).toContainText(w.pending);
		// The proposed name is the visitor's text: marked French.
		await expect(page.getByRole('status').locator('span[lang="fr"]')).toHaveText(name);
		await expectTranslated(page, locale);

		// Declined in the workspace: the contributor gets the decision in the language they wrote in.
		const admin = await page.context().browser()!.newPage();
		await login(admin, EDITOR);
		await gotoReady(admin, `/admin/moderation/${reference}`);
		await admin.getByLabel(/Raison du refus/).fill('Ce jardin est déjà sur la carte.');
		await admin.getByRole('button', { name: 'Refuser' }).click();
		await expect(admin.getByRole('status')).toContainText('Proposition refusée');
		await admin.close();
		const mail = await mailWith(reference);
		expect(mail.subject).toContain(w.mailSubject);
		expect(mail.text).toContain(`/${locale}/proposer/suivi/${reference}`);
		expect(mail.text).toContain('Ce jardin est déjà sur la carte.');
		expect(mail.text).not.toContain('Bonjour');
	});

	test(`/${locale}/contacter: the message goes to a French structure in French, the writer's text as written`, async ({
		page
	}) => {
		await page.goto(`/${locale}/contacter/${ORG.id}`);
		await expectTranslated(page, locale);
		await expect(page.locator('#ou-va-le-message span[lang="fr"]')).toContainText('Emmaüs');
		await page.locator('#f-name').fill('Jonas Weber');
		await page.getByRole('button', { name: w.contactSubmit }).click();
		await expect(page.getByRole('alert')).toBeFocused();
		await expect(page.locator('#f-message-erreur')).toContainText(w.contactError);
		await expect(page.getByRole('alert')).not.toContainText(FRENCH_ERRORS);

		const marker = unique(locale === 'de' ? 'Ich möchte gern mithelfen' : 'I would like to help');
		await page.locator('#f-email').fill(`jonas.${locale}.e2e@example.org`);
		await page.locator('#f-message').fill(`${marker}, am Samstag?`);
		await page.getByRole('button', { name: w.contactSubmit }).click();
		await expect(page).toHaveURL(new RegExp(`/${locale}/contacter/${ORG.id}/envoye$`));
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(w.contactSent);
		await expectTranslated(page, locale);

		const mail = await mailWith(marker);
		expect(mail.envelopeTo).toEqual([PUBLISHED]);
		expect(mail.subject).toContain('Carto ESS : un message au sujet de « Emmaüs');
		expect(mail.text).toContain(`${marker}, am Samstag?`);
		expect(mail.text).toContain(`Jonas Weber a écrit depuis la version ${w.language} du site`);
		expect(mail.replyTo?.address).toBe(`jonas.${locale}.e2e@example.org`);
	});

	test(`/${locale}/acheter/besoins/publier: an error in ${locale}, then the private follow-up`, async ({
		page
	}) => {
		await page.goto(`/${locale}/acheter/besoins/publier`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(w.needHeading);
		await expectTranslated(page, locale);
		await page.getByRole('button', { name: w.needSubmit }).click();
		const summary = page.getByRole('alert');
		await expect(summary).toContainText(w.needError);
		await expect(summary).not.toContainText(FRENCH_ERRORS);
		await expectTranslated(page, locale);

		await page.locator('#f-titre').fill(unique(`Mobilier ${locale}`));
		await page.locator('#f-activite').selectOption({ index: 1 });
		await page.locator('#f-lieu').selectOption('strasbourg');
		await page.locator('#f-echeance').fill(new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10));
		await page.locator('#f-description').fill('Collecte et remise en état de 200 postes de travail.');
		await page.locator('#f-acheteur').fill('Ville de Test');
		await page.locator('#f-email').fill('achats@ville-test.example');
		await page.getByRole('button', { name: w.needSubmit }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(w.needFollow);
		await expect(page).toHaveURL(new RegExp(`/${locale}/acheter/besoins/suivi/`));
		await expectTranslated(page, locale);
	});

	test(`/${locale}/lieux/…/locaux: a premises offer, its error then its thanks in ${locale}`, async ({
		page
	}) => {
		await page.goto(`/${locale}/lieux/${PLACE}/locaux`);
		await expectTranslated(page, locale);
		await page.getByRole('button', { name: w.premisesSubmit }).click();
		await expect(page.locator('#f-surface-erreur')).toContainText(w.premisesError);
		await expect(page.getByRole('alert')).not.toContainText(FRENCH_ERRORS);
		const day = (n: number) => {
			const [y, m, d] = new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10).split('-');
			return `${d}/${m}/${y}`;
		};
		await page.locator('#f-surface').fill('38');
		await page.locator('#f-rentKind').check();
		await page.locator('#f-availableFrom').fill(day(1));
		await page.locator('#f-availableUntil').fill(day(60));
		await page.locator('#f-contact').fill('Sacha, 03 88 00 11 22');
		await page.locator('#f-description').fill(unique('Ein Atelier von 38 m² im Erdgeschoss'));
		await page.getByRole('button', { name: w.premisesSubmit }).click();
		await expect(page.getByRole('status')).toContainText(w.premisesThanks);
		await expectTranslated(page, locale);
	});
}

test('/de/proposer/<kind> fits a 320 px phone, and /proposer lists its alternates', async ({ page }) => {
	await page.setViewportSize({ width: 320, height: 700 });
	for (const kind of ['initiative', 'structure', 'lieu', 'evenement']) {
		await page.goto(`/de/proposer/${kind}`);
		await expectNoSidewaysScroll(page, `/de/proposer/${kind}`);
	}
	await page.goto('/en/proposer');
	for (const lang of ['fr', 'de', 'en', 'x-default'])
		await expect(page.locator(`link[rel="alternate"][hreflang="${lang}"]`)).toHaveCount(1);
	await expectTranslated(page, 'en');
});
