import { z } from 'zod';
import { notInFuture } from './today';
import {
	communeSchema,
	qpvSchema,
	quartierSchema,
	thematiqueSchema,
	type Commune,
	type Qpv,
	type Quartier,
	type Thematique
} from './geography';
import {
	fundingToolSchema,
	initiativeSchema,
	organisationSchema,
	placeSchema,
	eventSchema,
	type EventRecord,
	type FundingTool,
	type Initiative,
	type Organisation,
	type Place
} from './records';

/** One problem in the seed data, printed as `file:record:field: message`. */
export interface DataIssue {
	file: string;
	record: string;
	field: string;
	message: string;
}

export function formatIssue(i: DataIssue): string {
	return `${i.file}:${i.record}:${i.field}: ${i.message}`;
}

export interface Dataset {
	communes: Commune[];
	quartiers: Quartier[];
	qpv: Qpv[];
	thematiques: Thematique[];
	organisations: Organisation[];
	initiatives: Initiative[];
	fundingTools: FundingTool[];
	places: Place[];
	events: EventRecord[];
}

export const DATA_KINDS = {
	communes: communeSchema,
	quartiers: quartierSchema,
	qpv: qpvSchema,
	thematiques: thematiqueSchema,
	organisations: organisationSchema,
	initiatives: initiativeSchema,
	fundingTools: fundingToolSchema,
	places: placeSchema,
	events: eventSchema
} as const;
export type DataKind = keyof typeof DATA_KINDS;

export interface DataFile {
	/** Path shown in messages, relative to the project. */
	path: string;
	kind: DataKind;
	/** Parsed JSON; must be an array of records. */
	content: unknown;
}

/** The label of a record in messages: its id, code or slug when readable, else its position. */
function recordLabel(raw: unknown, index: number): string {
	if (raw && typeof raw === 'object') {
		const r = raw as Record<string, unknown>;
		for (const key of ['id', 'code', 'slug'])
			if (typeof r[key] === 'string' && r[key]) return r[key] as string;
	}
	return `#${index + 1}`;
}

function pathOf(path: PropertyKey[]): string {
	return path.length ? path.map(String).join('.') : '(record)';
}

/**
 * Validates every file against its schema, then checks cross-references between files.
 * Pure: the caller reads the files. Records that fail their schema are left out of the dataset.
 */
export function checkDataset(
	files: DataFile[],
	now: Date = new Date()
): { dataset: Dataset; issues: DataIssue[] } {
	const issues: DataIssue[] = [];
	const dataset: Dataset = {
		communes: [],
		quartiers: [],
		qpv: [],
		thematiques: [],
		organisations: [],
		initiatives: [],
		fundingTools: [],
		places: [],
		events: []
	};
	const fileOf = new Map<object, string>();

	for (const file of files) {
		if (!Array.isArray(file.content)) {
			issues.push({
				file: file.path,
				record: '-',
				field: '-',
				message: 'le fichier doit contenir un tableau JSON'
			});
			continue;
		}
		const schema = DATA_KINDS[file.kind] as z.ZodType;
		file.content.forEach((raw, index) => {
			const parsed = schema.safeParse(raw);
			if (!parsed.success) {
				for (const issue of parsed.error.issues) {
					issues.push({
						file: file.path,
						record: recordLabel(raw, index),
						field: pathOf(issue.path),
						message: issue.message
					});
				}
				return;
			}
			const record = parsed.data as object;
			fileOf.set(record, file.path);
			(dataset[file.kind] as object[]).push(record);
		});
	}

	const report = (record: object, label: string, field: string, message: string) =>
		issues.push({ file: fileOf.get(record) ?? '?', record: label, field, message });

	// Unique keys: `field` is the key's property, `labelField` names the record in the message.
	const uniqueBy = <F extends string, L extends string>(
		items: readonly Record<F | L, string>[],
		field: F,
		labelField: L
	) => {
		const seen = new Map<string, Record<F | L, string>>();
		for (const item of items) {
			const k = item[field];
			const first = seen.get(k);
			if (first)
				report(
					item,
					item[labelField],
					field,
					`« ${k} » est déjà utilisé (${fileOf.get(first)}:${first[labelField]})`
				);
			else seen.set(k, item);
		}
	};
	uniqueBy(dataset.communes, 'code', 'code');
	uniqueBy(dataset.communes, 'slug', 'code');
	uniqueBy(dataset.quartiers, 'code', 'code');
	// Quartier and commune pages share one URL space (/quartiers/[slug]).
	uniqueBy([...dataset.quartiers, ...dataset.communes], 'slug', 'code');
	uniqueBy(dataset.qpv, 'slug', 'slug');
	uniqueBy(dataset.thematiques, 'code', 'code');
	const records = [
		...dataset.organisations,
		...dataset.initiatives,
		...dataset.fundingTools,
		...dataset.places,
		...dataset.events
	];
	uniqueBy(records, 'id', 'id');
	for (const list of [
		dataset.organisations,
		dataset.initiatives,
		dataset.fundingTools,
		dataset.places,
		dataset.events
	])
		uniqueBy(list, 'slug', 'id');

	const communes = new Map(dataset.communes.map((c) => [c.code, c]));
	const quartiers = new Map(dataset.quartiers.map((q) => [q.code, q]));
	const qpvs = new Set(dataset.qpv.map((q) => q.slug));
	const themes = new Set(dataset.thematiques.map((t) => t.code));
	const organisations = new Map(dataset.organisations.map((o) => [o.id, o]));
	const tools = new Set(dataset.fundingTools.map((t) => t.id));

	for (const q of dataset.quartiers) {
		if (!communes.has(q.communeCode))
			report(q, q.code, 'communeCode', `commune inconnue « ${q.communeCode} »`);
	}
	for (const q of dataset.qpv) {
		if (q.communeCode && !communes.has(q.communeCode))
			report(q, q.slug, 'communeCode', `commune inconnue « ${q.communeCode} »`);
		if (q.quartierCode && !quartiers.has(q.quartierCode))
			report(q, q.slug, 'quartierCode', `quartier inconnu « ${q.quartierCode} »`);
	}

	const close = (a: { lon: number; lat: number }, b: { lon: number; lat: number }) =>
		Math.abs(a.lon - b.lon) < 1e-4 && Math.abs(a.lat - b.lat) < 1e-4;

	for (const r of records) {
		if (!notInFuture(r.lastVerified, now))
			report(r, r.id, 'lastVerified', 'date de vérification dans le futur');
		r.sources.forEach((s, i) => {
			if (!notInFuture(s.seen, now))
				report(r, r.id, `sources.${i}.seen`, 'date de consultation dans le futur');
		});
		r.thematiques.forEach((t, i) => {
			if (!themes.has(t)) report(r, r.id, `thematiques.${i}`, `thématique inconnue « ${t} »`);
		});
	}

	for (const r of [...dataset.organisations, ...dataset.initiatives, ...dataset.places, ...dataset.events]) {
		// An organisation without a commune acts on a territory (schema): nothing to check here.
		const commune = r.communeCode === undefined ? undefined : communes.get(r.communeCode);
		if (r.communeCode !== undefined && !commune)
			report(r, r.id, 'communeCode', `commune inconnue « ${r.communeCode} »`);
		const quartier = r.quartierCode ? quartiers.get(r.quartierCode) : undefined;
		if (r.quartierCode && !quartier)
			report(r, r.id, 'quartierCode', `quartier inconnu « ${r.quartierCode} »`);
		if (quartier && quartier.communeCode !== r.communeCode) {
			report(
				r,
				r.id,
				'quartierCode',
				`le quartier ${quartier.code} n'est pas dans la commune ${r.communeCode}`
			);
		}
		const sub = r.subQuartier ? quartier?.subQuartiers.find((s) => s.slug === r.subQuartier) : undefined;
		if (r.subQuartier && !quartier)
			report(r, r.id, 'subQuartier', 'un sous-quartier demande un quartier (quartierCode)');
		else if (r.subQuartier && !sub)
			report(r, r.id, 'subQuartier', `sous-quartier « ${r.subQuartier} » inconnu dans ${r.quartierCode}`);
		if (r.qpv && !qpvs.has(r.qpv)) report(r, r.id, 'qpv', `QPV inconnu « ${r.qpv} »`);

		// An approximate position must be exactly the reference point it claims, so the map can say so honestly.
		const loc = r.location;
		if (loc?.precision === 'commune' && commune && !close(loc, commune.centroid)) {
			report(
				r,
				r.id,
				'location',
				`précision « commune » mais la position n'est pas le centre de ${commune.name}`
			);
		}
		if (loc?.precision === 'quartier') {
			if (!quartier) report(r, r.id, 'location', 'précision « quartier » sans quartierCode');
			else {
				const points = [quartier.point, ...quartier.subQuartiers.flatMap((s) => (s.point ? [s.point] : []))];
				if (!points.some((p) => close(p, loc))) {
					report(
						r,
						r.id,
						'location',
						`précision « quartier » mais la position n'est pas un point de référence de ${quartier.code}`
					);
				}
			}
		}
		if ((loc?.precision === 'address' || loc?.precision === 'street') && !r.address) {
			report(r, r.id, 'address', `précision « ${loc.precision} » sans adresse`);
		}
	}

	for (const o of dataset.organisations) {
		if (o.parentId && !organisations.has(o.parentId))
			report(o, o.id, 'parentId', `organisation parente inconnue « ${o.parentId} »`);
		if (o.parentId === o.id)
			report(o, o.id, 'parentId', 'une organisation ne peut pas être sa propre parente');
	}
	for (const p of dataset.places) {
		if (p.operatorId && !organisations.has(p.operatorId))
			report(p, p.id, 'operatorId', `organisation inconnue « ${p.operatorId} »`);
	}
	const placeIds = new Set(dataset.places.map((p) => p.id));
	for (const e of dataset.events) {
		e.organiserIds.forEach((id, n) => {
			if (!organisations.has(id)) report(e, e.id, `organiserIds.${n}`, `organisation inconnue « ${id} »`);
		});
		if (e.placeId && !placeIds.has(e.placeId)) report(e, e.id, 'placeId', `lieu inconnu « ${e.placeId} »`);
	}
	for (const i of dataset.initiatives) {
		const id = i.carrier.organisationId;
		if (id && !organisations.has(id))
			report(i, i.id, 'carrier.organisationId', `organisation inconnue « ${id} »`);
	}
	for (const t of dataset.fundingTools) {
		t.providerIds.forEach((id, n) => {
			const provider = organisations.get(id);
			if (!provider) report(t, t.id, `providerIds.${n}`, `financeur ou opérateur inconnu « ${id} »`);
			else if (!provider.roles.includes('financeur') && !provider.roles.includes('accompagnateur')) {
				report(t, t.id, `providerIds.${n}`, `« ${id} » n'a ni le rôle financeur ni le rôle accompagnateur`);
			}
		});
		t.combinesWith.forEach((id, n) => {
			if (!tools.has(id)) report(t, t.id, `combinesWith.${n}`, `outil inconnu « ${id} »`);
			if (id === t.id) report(t, t.id, `combinesWith.${n}`, 'un outil ne se combine pas avec lui-même');
		});
		if (t.territory === 'commune' && !t.territoryCommune)
			report(t, t.id, 'territoryCommune', 'requis quand le territoire est « commune »');
		if (t.territoryCommune && !communes.has(t.territoryCommune)) {
			report(t, t.id, 'territoryCommune', `commune inconnue « ${t.territoryCommune} »`);
		}
	}

	return { dataset, issues };
}
