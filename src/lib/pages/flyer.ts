/**
 * /quartiers/[slug]/tract: the quartier's (or commune's) initiatives on paper, for a stand, a notice board
 * or a letterbox: what each does, when, how to join and what it needs, the data's date and licence. The
 * route adds the QR code of the quartier's page (drawn on the server).
 */
import type { Catalogue } from '$lib/domain/catalogue';
import { carrierWords } from '$lib/domain/format';
import { DATA_LICENCE } from '$lib/domain/licence';
import type { Initiative } from '$lib/domain/records';
import { labelOf } from '$lib/domain/taxonomies';
import { route } from '$lib/links';
import { areaPage } from './quartiers';

/** A4 portrait, or two A5 copies side by side on an A4 landscape sheet (cut in half). */
export const FLYER_FORMATS = ['a4', 'a5'] as const;
export type FlyerFormat = (typeof FLYER_FORMATS)[number];

export function flyerFormat(value: string | null): FlyerFormat {
	return value === 'a5' ? 'a5' : 'a4';
}

/** An A5 half-sheet holds this many initiatives; the others are counted and the QR code leads to them. */
export const A5_MAX = 5;
/** A5 descriptions are cut to about this many characters, at a word. */
const A5_DESCRIPTION = 120;

/** `text` cut at a word before `max` characters, with an ellipsis when cut. */
export function shorten(text: string, max: number): string {
	if (text.length <= max) return text;
	const cut = text.slice(0, max);
	const space = cut.lastIndexOf(' ');
	return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

export interface FlyerInitiative {
	id: string;
	name: string;
	type: string;
	description: string;
	carrier: string;
	/** The codes and the name behind `type`, `carrier` and `needs`, for a page in another language. */
	codes: {
		type: Initiative['initiativeType'];
		carrierKind: Initiative['carrier']['kind'];
		carrierName?: string;
		needs: Initiative['needs'];
	};
	schedule?: string;
	howToJoin?: string;
	address?: string;
	needs: string[];
	contact: string[];
}

function flyerInitiative(i: Initiative): FlyerInitiative {
	const words = carrierWords(labelOf('carrierKind', i.carrier.kind), i.carrier.name);
	return {
		id: i.id,
		name: i.name,
		type: labelOf('initiativeType', i.initiativeType),
		description: i.description,
		carrier: words.kind ? `${words.name} (${words.kind})` : words.name,
		codes: {
			type: i.initiativeType,
			carrierKind: i.carrier.kind,
			carrierName: i.carrier.name,
			needs: i.needs
		},
		schedule: i.schedule,
		howToJoin: i.howToJoin,
		address: i.address,
		needs: i.needs.map((n) => labelOf('need', n)),
		// On paper a link is only what can be typed or dialled.
		contact: [i.contact.phone, i.contact.email, i.contact.website].filter((x): x is string => !!x)
	};
}

/** The flyer of an area, or undefined for an unknown slug. `siteUrl` makes the printed addresses absolute. */
export function flyerPage(c: Catalogue, slug: string, siteUrl: string, format: FlyerFormat) {
	const page = areaPage(c, slug);
	if (!page) return undefined;
	const initiatives = page.groups.flatMap((g) => g.initiatives);
	const printed = format === 'a5' ? initiatives.slice(0, A5_MAX) : initiatives;
	// The data's date: the most recent verification among what is printed (the whole catalogue's when empty).
	const dates = (initiatives.length ? initiatives : c.records).map((r) => r.lastVerified).sort();
	return {
		area: { slug: page.area.slug, name: page.area.name, kind: page.area.kind },
		format,
		initiatives: printed.map((i) => {
			const f = flyerInitiative(i);
			return format === 'a5' ? { ...f, description: shorten(f.description, A5_DESCRIPTION) } : f;
		}),
		/** Initiatives left off an A5 flyer (the quartier's page lists them). */
		more: initiatives.length - printed.length,
		dataDate: dates.at(-1),
		dataVersion: c.version,
		licence: { name: DATA_LICENCE.name, attribution: DATA_LICENCE.attribution },
		/** Printed in full under the QR code, and what the code encodes. */
		areaUrl: `${siteUrl}${route.quartier(page.area)}`,
		areaHref: route.quartier(page.area),
		a4Href: route.quartierFlyer(page.area),
		a5Href: route.quartierFlyer(page.area, 'a5')
	};
}
