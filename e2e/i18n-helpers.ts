import { readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';

/** Every message key: none may reach a page raw. */
const KEYS = Object.keys(JSON.parse(readFileSync('messages/fr.json', 'utf8'))).filter((k) => k !== '$schema');

/** Fails with the keys a page shows as text instead of their message (a missing translation call). */
export async function expectNoRawKey(page: Page) {
	const text = await page.evaluate(() => document.documentElement.innerText);
	expect(KEYS.filter((key) => new RegExp(`\\b${key}\\b`).test(text))).toEqual([]);
}

/** The notice an untranslated page shows under /de/… and /en/…: a translated page must not show it. */
export const NOT_TRANSLATED_NOTICE = /noch nicht übersetzt|not translated yet/;
