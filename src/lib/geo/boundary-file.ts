/**
 * Reading an official boundary file (GeoJSON FeatureCollection of polygons) into our outlines, for
 * `npm run geo:import`. Pure: the caller reads the file and writes the result. Every problem is reported
 * (not only the first), so a maintainer can fix a file in one go; any problem means nothing is imported.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { z } from 'zod';
import { ALLOWED_BBOX } from '$lib/domain/coordinates';
import { agree } from '$lib/domain/grammar';
import { slugify } from '$lib/domain/slug';
import type { Boundary, BoundaryKind } from './point-in-polygon';
import { isValidPolygon } from './validity';

const position = z
	.array(z.number({ error: 'coordonnée : nombre attendu' }), {
		error: 'position : [longitude, latitude] attendu'
	})
	.min(2, { error: 'position : [longitude, latitude] attendu' })
	.max(3, { error: 'position : 2 ou 3 nombres attendus' });
const ring = z
	.array(position, { error: 'anneau : liste de positions attendue' })
	.min(4, { error: 'anneau de moins de 4 positions' })
	.refine((r) => r[0][0] === r[r.length - 1][0] && r[0][1] === r[r.length - 1][1], {
		error: 'anneau non fermé (la dernière position doit répéter la première)'
	});
const polygonCoords = z.array(ring).min(1, { error: 'polygone sans anneau' });

const geometrySchema = z.discriminatedUnion(
	'type',
	[
		z.object({ type: z.literal('Polygon'), coordinates: polygonCoords }),
		z.object({
			type: z.literal('MultiPolygon'),
			coordinates: z.array(polygonCoords).min(1, { error: 'multipolygone vide' })
		})
	],
	{ error: 'géométrie attendue : Polygon ou MultiPolygon' }
);

const fileSchema = z.object({
	type: z.literal('FeatureCollection', { error: 'le fichier doit être une FeatureCollection GeoJSON' }),
	features: z
		.array(
			z.object({
				type: z.literal('Feature', { error: 'élément de type Feature attendu' }),
				geometry: geometrySchema,
				properties: z.record(z.string(), z.unknown()).nullable().optional()
			}),
			{ error: 'features : liste d’objets Feature attendue' }
		)
		.min(1, { error: 'la FeatureCollection est vide' })
});

/** Property names tried, in order, when the caller does not name the field (publishers differ). */
export const CODE_FIELDS: Record<BoundaryKind, string[]> = {
	commune: ['code', 'insee', 'code_insee', 'codeInsee', 'INSEE_COM', 'insee_com', 'codgeo', 'CODGEO'],
	quartier: ['code', 'code_quartier', 'CODE_QUARTIER', 'id_quartier', 'numero', 'num_quartier'],
	qpv: ['code_qp', 'CODE_QP', 'code_qpv', 'codeQPV', 'code_qv', 'code']
};
export const NAME_FIELDS: Record<BoundaryKind, string[]> = {
	commune: ['nom', 'name', 'NOM', 'nom_com', 'NOM_COM', 'libelle', 'libgeo', 'LIBGEO'],
	quartier: ['nom', 'name', 'NOM', 'libelle', 'LIBELLE', 'nom_quartier', 'quartier'],
	qpv: ['nom_qp', 'NOM_QP', 'lib_qp', 'nom_qpv', 'nom', 'name']
};

/** The areas we know: an outline for anything else is refused, so a wrong file cannot slip in. */
export interface KnownAreas {
	communes: { code: string; name: string }[];
	quartiers: { code: string; slug: string; name: string }[];
	qpv: { slug: string; name: string; code?: string }[];
}

export interface ParseOptions {
	codeField?: string;
	nameField?: string;
}

export type ParseResult = { ok: true; boundaries: Boundary[] } | { ok: false; errors: string[] };

const MAX_ERRORS = 30;

function text(v: unknown): string | undefined {
	if (typeof v === 'string' && v.trim() !== '') return v.trim();
	if (typeof v === 'number' && Number.isFinite(v)) return String(v);
	return undefined;
}

function pick(props: Record<string, unknown>, fields: string[]): string | undefined {
	for (const f of fields) {
		const v = text(props[f]);
		if (v !== undefined) return v;
	}
	return undefined;
}

function eachPosition(g: Polygon | MultiPolygon): number[][] {
	return g.type === 'Polygon' ? g.coordinates.flat() : g.coordinates.flat(2);
}

/** Our identifier for an area named in a file, by code first, then by name. */
function resolveCode(kind: BoundaryKind, code: string, name: string | undefined, known: KnownAreas) {
	const n = name ? slugify(name) : undefined;
	if (kind === 'commune') return known.communes.find((c) => c.code === code)?.code;
	if (kind === 'quartier') {
		const padded = /^\d{1,2}$/.test(code) ? `SQ_${code.padStart(2, '0')}` : code;
		return known.quartiers.find(
			(q) => q.code === padded || (n !== undefined && (slugify(q.name) === n || q.slug === n))
		)?.code;
	}
	return known.qpv.find(
		(q) => q.code === code || (n !== undefined && (slugify(q.name) === n || q.slug === n))
	)?.slug;
}

function expected(kind: BoundaryKind, known: KnownAreas): string {
	const list =
		kind === 'commune'
			? known.communes.map((c) => c.code)
			: kind === 'quartier'
				? known.quartiers.map((q) => q.code)
				: known.qpv.map((q) => q.slug);
	return list.length > 12 ? `${list.slice(0, 12).join(', ')}…` : list.join(', ');
}

export function parseBoundaryFile(
	input: unknown,
	kind: BoundaryKind,
	known: KnownAreas,
	opts: ParseOptions = {}
): ParseResult {
	const parsed = fileSchema.safeParse(input);
	if (!parsed.success) {
		return {
			ok: false,
			errors: parsed.error.issues
				.slice(0, MAX_ERRORS)
				.map((i) => `${i.path.length ? i.path.join('.') : 'fichier'} : ${i.message}`)
		};
	}
	const errors: string[] = [];
	const unknown: string[] = [];
	const seen = new Map<string, number>();
	const boundaries: Boundary[] = [];
	const codeFields = opts.codeField ? [opts.codeField] : CODE_FIELDS[kind];
	const nameFields = opts.nameField ? [opts.nameField] : NAME_FIELDS[kind];

	parsed.data.features.forEach((f, i) => {
		const where = `features.${i}`;
		const props = f.properties ?? {};
		const code = pick(props, codeFields);
		const name = pick(props, nameFields);
		if (code === undefined && (kind === 'commune' || name === undefined)) {
			errors.push(
				`${where} : code introuvable (propriétés essayées : ${codeFields.join(', ')}) ; indiquez-la avec --code-field`
			);
			return;
		}
		const label = `${where} (${code ?? name})`;
		const geometry = f.geometry as Polygon | MultiPolygon;
		const outside = eachPosition(geometry).find(
			([lon, lat]) =>
				lon < ALLOWED_BBOX[0] || lon > ALLOWED_BBOX[2] || lat < ALLOWED_BBOX[1] || lat > ALLOWED_BBOX[3]
		);
		if (outside) {
			errors.push(
				`${label} : position [${outside.join(', ')}] hors de l'Eurométropole ; le fichier doit être en WGS84 ` +
					'(EPSG:4326, longitude puis latitude), pas en Lambert-93'
			);
			return;
		}
		if (!isValidPolygon(geometry)) {
			errors.push(
				`${label} : géométrie invalide (anneau qui se recoupe, trou hors du contour ou points répétés)`
			);
			return;
		}
		const ours = resolveCode(kind, code ?? '', name, known);
		if (ours === undefined) {
			unknown.push(code ?? name ?? '?');
			return;
		}
		const first = seen.get(ours);
		if (first !== undefined) {
			errors.push(`${label} : ${ours} figure déjà en features.${first}`);
			return;
		}
		seen.set(ours, i);
		boundaries.push({ kind, code: ours, name: name ?? ours, geometry });
	});

	if (unknown.length) {
		const gender = kind === 'commune' ? 'f' : 'm';
		errors.push(
			`${kind === 'commune' ? 'communes' : kind === 'quartier' ? 'quartiers' : 'QPV'} ${agree('inconnu', gender, 2)} : ` +
				`${unknown.slice(0, 20).join(', ')}${unknown.length > 20 ? '…' : ''} (${agree('connu', gender, 2)} : ${expected(kind, known)})`
		);
	}
	if (errors.length) return { ok: false, errors: errors.slice(0, MAX_ERRORS) };
	return { ok: true, boundaries };
}
