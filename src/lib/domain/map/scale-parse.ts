/**
 * The schemas of the map's server requests at national scale (tiles, list pages, clusters of a box): read by
 * the server only, apart from scale.ts, whose filter key the explorer computes at first load without zod.
 */
import { z } from 'zod';
import type { Bbox } from '../coordinates';
import { parseZone } from './map-url';
import { LIST_PAGE_MAX } from './scale';

const int = (label: string, min: number, max: number) =>
	z.coerce
		.number({ error: `${label} : nombre entier attendu` })
		.int({ error: `${label} : nombre entier attendu` })
		.min(min, { error: `${label} : au moins ${min}` })
		.max(max, { error: `${label} : au plus ${max}` });

/** `/carte/tuiles/<version>/<z>/<x>/<y>.pbf`: x and y within the zoom's grid. */
export const tileParamsSchema = z
	.object({
		version: int('version des données', 0, Number.MAX_SAFE_INTEGER),
		z: int('zoom', 0, 22),
		x: int('colonne', 0, 2 ** 22 - 1),
		y: int('ligne', 0, 2 ** 22 - 1)
	})
	.refine((t) => t.x < 2 ** t.z && t.y < 2 ** t.z, { error: 'tuile hors de la grille de ce zoom' });

export type TileParams = z.infer<typeof tileParamsSchema>;

const bboxSchema = z.string().transform((s, ctx) => {
	const b = parseZone(s);
	if (!b) ctx.addIssue({ code: 'custom', message: 'zone : ouest,sud,est,nord attendu (dans la région)' });
	return b as Bbox;
});

/** The list's query: the filter key's parameters plus the box, the page and its size. */
export const listQuerySchema = z.object({
	bbox: bboxSchema.optional(),
	offset: int('début de page', 0, 10_000_000).default(0),
	limit: int('taille de page', 1, LIST_PAGE_MAX).default(50)
});

/** The clusters of a box at a zoom (the Leaflet engine asks these instead of tiles). */
export const clustersQuerySchema = z.object({
	bbox: bboxSchema,
	zoom: int('zoom', 0, 22)
});
