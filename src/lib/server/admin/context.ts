/** What the admin forms and the import checks need from the store: places, themes and linkable records. */
import type { PublicRecord } from '$lib/domain/records';
import type { RefContext } from '$lib/io/refs';
import type { RefSource } from '$lib/domain/fields';
import { subQuartierKey, type ValueLabels } from '$lib/domain/value-labels';
import type { Db } from '../db/connection';
import { allRecords } from '../db/admin';
import { listCommunes, listQpv, listQuartiers, listThematiques } from '../db/records';

export type RefsOnly = Omit<RefContext, 'organisations' | 'fundingTools'>;

export function placeRefs(db: Db): RefsOnly {
	return {
		communes: new Map(listCommunes(db).map((c) => [c.code, { name: c.name }])),
		quartiers: new Map(
			listQuartiers(db).map((q) => [
				q.code,
				{ communeCode: q.communeCode, subQuartiers: q.subQuartiers.map((s) => s.slug) }
			])
		),
		qpv: new Set(listQpv(db).map((q) => q.slug)),
		thematiques: new Set(listThematiques(db).map((t) => t.code))
	};
}

export function refContext(db: Db, records: PublicRecord[] = allRecords(db)): RefContext {
	const organisations = new Map<string, { roles: readonly string[] }>();
	const fundingTools = new Set<string>();
	for (const r of records) {
		if (r.kind === 'organisation') organisations.set(r.id, { roles: r.roles });
		if (r.kind === 'funding-tool') fundingTools.add(r.id);
	}
	return { ...placeRefs(db), organisations, fundingTools };
}

export interface Option {
	value: string;
	label: string;
	/** A place's reference point (communes and quartiers): where the pin map opens for it. */
	point?: { lon: number; lat: number };
}

/** Choices for the form's reference fields, each list sorted for people. */
export function refOptions(db: Db): Record<RefSource, Option[]> {
	const records = allRecords(db).filter((r) => r.status !== 'archived');
	const byName = (a: Option, b: Option) => a.label.localeCompare(b.label, 'fr');
	const orgs = records.filter((r) => r.kind === 'organisation');
	return {
		commune: listCommunes(db).map((c) => ({
			value: c.code,
			label: `${c.name} (${c.code})`,
			point: c.centroid
		})),
		quartier: listQuartiers(db).map((q) => ({
			value: q.code,
			label: `${q.name} (${q.code})`,
			point: q.point
		})),
		qpv: listQpv(db).map((q) => ({ value: q.slug, label: q.name })),
		thematique: listThematiques(db).map((t) => ({ value: t.code, label: t.label })),
		organisation: orgs.map((o) => ({ value: o.id, label: o.name })).sort(byName),
		provider: orgs
			.filter(
				(o) =>
					o.kind === 'organisation' && (o.roles.includes('financeur') || o.roles.includes('accompagnateur'))
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
}

/** Labels of the codes a diff shows (places, thématiques, linked records), for src/lib/domain/value-labels.ts. */
export function valueLabels(db: Db, records: PublicRecord[] = allRecords(db)): ValueLabels {
	const quartiers = listQuartiers(db);
	const names = new Map(records.map((r) => [r.id, r.name]));
	return {
		commune: new Map(listCommunes(db).map((c) => [c.code, c.name])),
		quartier: new Map(quartiers.map((q) => [q.code, q.name])),
		subQuartier: new Map(
			quartiers.flatMap((q) => q.subQuartiers.map((s) => [subQuartierKey(q.code, s.slug), s.name] as const))
		),
		qpv: new Map(listQpv(db).map((q) => [q.slug, q.name])),
		thematique: new Map(listThematiques(db).map((t) => [t.code, t.label])),
		organisation: names,
		provider: names,
		'funding-tool': names,
		place: names
	};
}
