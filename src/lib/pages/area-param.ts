/**
 * The `?quartier=<slug>` of the feeds and the calendar: a Strasbourg quartier's or a commune's slug, as in the
 * address of its page. An unknown slug is refused with a message a feed reader or a calendar app shows.
 */
import type { Catalogue } from '$lib/domain/catalogue';

type Quartier = Catalogue['geo']['quartiers'][number];
type Commune = Catalogue['geo']['communes'][number];

export type AreaParam =
	| {
			ok: true;
			slug?: string;
			quartier?: Quartier;
			commune?: Commune;
			/** Whether a record lies in the area (every record without one). */
			keep: (r: { quartierCode?: string; communeCode?: string }) => boolean;
	  }
	| { ok: false; message: string };

export function areaParam(geo: Catalogue['geo'], url: URL): AreaParam {
	const slug = url.searchParams.get('quartier')?.trim() || undefined;
	if (!slug) return { ok: true, keep: () => true };
	const quartier = geo.quartiers.find((q) => q.slug === slug);
	if (quartier) return { ok: true, slug, quartier, keep: (r) => r.quartierCode === quartier.code };
	const commune = geo.communes.find((c) => c.slug === slug);
	if (commune) return { ok: true, slug, commune, keep: (r) => r.communeCode === commune.code };
	return {
		ok: false,
		message: `Quartier ou commune inconnu « ${slug} » : indiquez le nom de la page du quartier ou de la commune, par exemple « meinau » ou « schiltigheim ».`
	};
}
