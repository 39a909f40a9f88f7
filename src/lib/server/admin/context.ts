/**
 * What the admin forms and the import checks need from the store: places, themes and linkable records.
 * On either connection (../db/query.ts): the workspace passes the asynchronous client, the moderation the
 * synchronous one until it moves.
 */
import type { PublicRecord } from '$lib/domain/records';
import type { RefContext } from '$lib/io/refs';
import type { RefSource } from '$lib/domain/fields';
import { subQuartierKey, type ValueLabels } from '$lib/domain/value-labels';
import { allRecordRows } from '../db/admin';
import { perform, type Conn, type Out, type Query } from '../db/query';
import { communeRows, qpvRows, quartierRows, thematiqueRows } from '../db/records';

export type RefsOnly = Omit<RefContext, 'organisations' | 'fundingTools'>;

function* placeRefRows(): Query<RefsOnly> {
	return {
		communes: new Map((yield* communeRows()).map((c) => [c.code, { name: c.name }])),
		quartiers: new Map(
			(yield* quartierRows()).map((q) => [
				q.code,
				{ communeCode: q.communeCode, subQuartiers: q.subQuartiers.map((s) => s.slug) }
			])
		),
		qpv: new Set((yield* qpvRows()).map((q) => q.slug)),
		thematiques: new Set((yield* thematiqueRows()).map((t) => t.code))
	};
}

export function placeRefs<C extends Conn>(conn: C): Out<C, RefsOnly> {
	return perform(conn, placeRefRows());
}

/** The statements of refContext, for a larger query. */
export function* refContextRows(given?: PublicRecord[]): Query<RefContext> {
	const records = given ?? (yield* allRecordRows());
	const organisations = new Map<string, { roles: readonly string[] }>();
	const fundingTools = new Set<string>();
	for (const r of records) {
		if (r.kind === 'organisation') organisations.set(r.id, { roles: r.roles });
		if (r.kind === 'funding-tool') fundingTools.add(r.id);
	}
	return { ...(yield* placeRefRows()), organisations, fundingTools };
}

export function refContext<C extends Conn>(conn: C, records?: PublicRecord[]): Out<C, RefContext> {
	return perform(conn, refContextRows(records));
}

export interface Option {
	value: string;
	label: string;
	/** A place's reference point (communes and quartiers): where the pin map opens for it. */
	point?: { lon: number; lat: number };
}

/** Choices for the form's reference fields, each list sorted for people. */
export function refOptions<C extends Conn>(conn: C): Out<C, Record<RefSource, Option[]>> {
	return perform(
		conn,
		(function* (): Query<Record<RefSource, Option[]>> {
			const records = (yield* allRecordRows()).filter((r) => r.status !== 'archived');
			const byName = (a: Option, b: Option) => a.label.localeCompare(b.label, 'fr');
			const orgs = records.filter((r) => r.kind === 'organisation');
			return {
				commune: (yield* communeRows()).map((c) => ({
					value: c.code,
					label: `${c.name} (${c.code})`,
					point: c.centroid
				})),
				quartier: (yield* quartierRows()).map((q) => ({
					value: q.code,
					label: `${q.name} (${q.code})`,
					point: q.point
				})),
				qpv: (yield* qpvRows()).map((q) => ({ value: q.slug, label: q.name })),
				thematique: (yield* thematiqueRows()).map((t) => ({ value: t.code, label: t.label })),
				organisation: orgs.map((o) => ({ value: o.id, label: o.name })).sort(byName),
				provider: orgs
					.filter(
						(o) =>
							o.kind === 'organisation' &&
							(o.roles.includes('financeur') || o.roles.includes('accompagnateur'))
					)
					.map((o) => ({ value: o.id, label: o.name }))
					.sort(byName),
				'funding-tool': records
					.filter((r) => r.kind === 'funding-tool')
					.map((t) => ({ value: t.id, label: t.name }))
					.sort(byName),
				place: records
					.filter((r) => r.kind === 'place')
					.map((p) => ({ value: p.id, label: p.name }))
					.sort(byName)
			};
		})()
	);
}

/** Labels of the codes a diff shows (places, thématiques, linked records), for src/lib/domain/value-labels.ts. */
export function valueLabels<C extends Conn>(conn: C, records?: PublicRecord[]): Out<C, ValueLabels> {
	return perform(
		conn,
		(function* (): Query<ValueLabels> {
			const quartiers = yield* quartierRows();
			const names = new Map((records ?? (yield* allRecordRows())).map((r) => [r.id, r.name]));
			return {
				commune: new Map((yield* communeRows()).map((c) => [c.code, c.name])),
				quartier: new Map(quartiers.map((q) => [q.code, q.name])),
				subQuartier: new Map(
					quartiers.flatMap((q) =>
						q.subQuartiers.map((s) => [subQuartierKey(q.code, s.slug), s.name] as const)
					)
				),
				qpv: new Map((yield* qpvRows()).map((q) => [q.slug, q.name])),
				thematique: new Map((yield* thematiqueRows()).map((t) => [t.code, t.label])),
				organisation: names,
				provider: names,
				'funding-tool': names,
				place: names
			};
		})()
	);
}
