/**
 * /acheter: the buyers' sourcing page as a pure function of the catalogue and its URL, the rows of its
 * exports (CSV, xlsx) and of its printable note, so the files hold exactly what the page shows.
 */
import { activityFamilyLabel, type ActivityFamily } from '$lib/domain/activity-families';
import { LEGAL_BASES, type EligibilityReason, type LegalBasis } from '$lib/domain/buyers/bases';
import {
	BUYABLE_FAMILIES,
	MAX_RADIUS_KM,
	parseSourcingQuery,
	type DeliveryNote,
	type DeliveryPlace,
	type QueryIssue,
	type SourcingQuery
} from '$lib/domain/buyers/query';
import {
	sourcing,
	type CheckReason,
	type Criterion,
	type NoneNearby,
	type Potential,
	type Supplier
} from '$lib/domain/buyers/sourcing';
import type { Approval } from '$lib/domain/taxonomies';
import type { Catalogue } from '$lib/domain/catalogue';
import { formatDate } from '$lib/domain/format';
import { DATA_LICENCE } from '$lib/domain/licence';
import { SIZE_BANDS } from '$lib/domain/size-bands';
import { SERVICE_TYPES } from '$lib/domain/taxonomies';
import { route } from '$lib/links';

export const NOT_LEGAL_ADVICE =
	'Ces indications aident à repérer des fournisseurs ; elles ne sont pas un conseil juridique. Le choix de la procédure, de la réservation ou de la clause revient à l’acheteur et à son service juridique.';

const CRITERIA: Record<string, string> = {
	base: 'Base juridique',
	activite: 'Activité',
	lieu: 'Lieu',
	prestation: 'Prestation',
	taille: 'Effectifs'
};

export interface ProofView {
	title: string;
	site: string;
	url?: string;
	/** In French words (« 3 mars 2025 »); `day` is the same date as `2025-03-03`. */
	date: string;
	day: string;
}

export interface SupplierView {
	id: string;
	name: string;
	href: string;
	siret?: string;
	address?: string;
	commune?: string;
	/** « 3,2 km » or « environ 3,2 km ». */
	distance?: string;
	distanceKm?: number;
	/** Whether the distance is from a reference point (quartier or commune centre). */
	approximate: boolean;
	qpv?: string;
	family?: string;
	familyCode?: ActivityFamily;
	kinds: { approval: Approval; label: string; proof?: ProofView }[];
	checks: {
		criterion: Criterion;
		label: string;
		answer: 'yes' | 'no' | 'unknown';
		text: string;
		why: CheckReason;
	}[];
	basis?: string;
	basisReason?: EligibilityReason;
	contact: { website?: string; email?: string; phone?: string };
	/** « Strasbourg · environ 3,2 km · QPV … · SIRET … », what is known of it. */
	where: string;
	chosen: boolean;
	/** The same search with this supplier added to, or removed from, the shortlist. */
	toggleHref: string;
}

export interface Option {
	value: string;
	label: string;
}

export interface AcheterPage {
	query: SourcingQuery;
	notes: string[];
	/** The notes' facts, for a page in another language: what the URL held that was dropped… */
	issues: QueryIssue[];
	/** …why a typed address was not used as such… */
	deliveryNote?: LocatedDelivery['noteFacts'];
	/** Whether the buyer asked anything: the results show only then. */
	searched: boolean;
	form: {
		activites: Option[];
		lieux: { kind: 'quartiers' | 'communes'; label: string; options: Option[] }[];
		lieu?: string;
		/** The typed address of delivery, given back to its field. */
		adresse?: string;
		rayon: number;
		maxRayon: number;
		bases: Option[];
		prestations: Option[];
		tailles: Option[];
	};
	basis?: Pick<LegalBasis, 'code' | 'label' | 'who' | 'limits' | 'sources'>;
	placeName?: string;
	/** The suppliers shown: all of them for the files and the note, the first `shown` on the page. */
	matches: SupplierView[];
	apart: SupplierView[];
	/** How many match, and how many are apart, before the page's limit. */
	matchesTotal: number;
	apartTotal: number;
	/** The page's limit when it cut a list, else undefined. */
	cutAt?: number;
	further: SupplierView[];
	noneNearby?: string;
	noneNearbyFacts?: NoneNearby;
	potential?: Potential;
	lots: { family: ActivityFamily; label: string; count: number }[];
	groups: {
		members: { lotCode: ActivityFamily; lot: string; name: string; href: string }[];
		total?: string;
		totalKm?: number;
	}[];
	shortlist: SupplierView[];
	unknownChoices: string[];
	/** What the exports and the note hold: the shortlist when there is one, the matches otherwise. */
	exported: 'selection' | 'resultats';
	links: { csv: string; xlsx: string; note: string; guide: string; clear: string; activities: string };
	dataVersion: number;
	licence: typeof DATA_LICENCE;
	notLegalAdvice: string;
}

const km = (n: number) => `${n < 10 ? n.toFixed(1).replace('.', ',') : String(Math.round(n))} km`;

function view(s: Supplier, c: Catalogue, q: SourcingQuery): SupplierView {
	const o = s.record;
	const commune = c.geo.communes.find((x) => x.code === o.communeCode)?.name;
	const qpv = o.qpv ? (c.geo.qpv.find((x) => x.slug === o.qpv)?.name ?? o.qpv) : undefined;
	const chosen = q.choix.includes(o.id);
	const choix = chosen ? q.choix.filter((id) => id !== o.id) : [...q.choix, o.id];
	return {
		id: o.id,
		name: o.name,
		href: route.record(o),
		siret: o.siret,
		address: o.address,
		commune,
		distance:
			s.distanceKm === undefined ? undefined : `${s.approximate ? 'environ ' : ''}${km(s.distanceKm)}`,
		distanceKm: s.distanceKm === undefined ? undefined : Math.round(s.distanceKm * 10) / 10,
		approximate: s.approximate,
		qpv,
		family: s.family ? activityFamilyLabel(s.family) : undefined,
		familyCode: s.family,
		kinds: s.kinds.map((k) => ({
			approval: k.approval,
			label: k.label,
			proof: k.proof ? { ...k.proof, date: formatDate(k.proof.date), day: k.proof.date } : undefined
		})),
		checks: s.checks.map((x) => ({
			criterion: x.criterion,
			label: CRITERIA[x.criterion],
			answer: x.answer,
			text: x.text,
			why: x.why
		})),
		basis: s.eligibility?.reason,
		basisReason: s.eligibility?.reasonCode,
		contact: { ...o.contact },
		where: [
			commune,
			s.distanceKm === undefined ? undefined : `${s.approximate ? 'environ ' : ''}${km(s.distanceKm)}`,
			qpv && `QPV ${qpv}`,
			o.siret && `SIRET ${o.siret}`
		]
			.filter(Boolean)
			.join(' · '),
		chosen,
		toggleHref: route.acheter({ ...q, choix }, c.geo, 'resultats')
	};
}

/** Where a typed address was placed (by the server's geocoder), and what to tell the buyer about it. */
export interface LocatedDelivery {
	place?: DeliveryPlace;
	note?: string;
	noteFacts?: DeliveryNote;
}

/**
 * How many suppliers of each list a page shows. The files and the note hold them all; a page of thousands
 * (a whole region, no place given) weighed megabytes and took seconds to render for no reader.
 */
export const SHOWN_SUPPLIERS = 100;

/**
 * The page of a search. `shown` limits each list to its first suppliers (nearest first): the page view
 * passes SHOWN_SUPPLIERS; the files and the note, which must hold every supplier, pass nothing.
 */
export function acheterPage(
	c: Catalogue,
	url: URL,
	located?: LocatedDelivery,
	shown = Infinity
): AcheterPage {
	const { query, notes, issues } = parseSourcingQuery(url.searchParams, c.geo);
	if (query.adresse && located?.note) notes.push(located.note);
	const result = sourcing(c.organisations, c.geo, query, query.adresse ? located?.place : undefined);
	const searched =
		query.activite !== undefined ||
		query.lieu !== undefined ||
		query.adresse !== undefined ||
		query.base !== undefined ||
		query.prestation !== undefined ||
		query.taille !== undefined ||
		query.lots.length > 0 ||
		query.choix.length > 0;
	const v = (s: Supplier) => view(s, c, query);
	for (const id of result.unknownChoices)
		notes.push(`Sélection : aucune structure publiée « ${id} » ; elle est retirée des fichiers.`);
	const basis = result.basis;
	return {
		query,
		notes,
		issues,
		deliveryNote: query.adresse && located?.note ? located.noteFacts : undefined,
		searched,
		form: {
			activites: BUYABLE_FAMILIES.map((f) => ({ value: f.code, label: f.label })),
			lieux: [
				{
					kind: 'quartiers',
					label: 'Quartiers de Strasbourg',
					options: c.geo.quartiers.map((x) => ({ value: x.slug, label: x.name }))
				},
				{
					kind: 'communes',
					label: 'Communes',
					options: c.geo.communes.map((x) => ({ value: x.slug, label: x.name }))
				}
			],
			lieu: result.place?.kind === 'adresse' ? undefined : result.place?.slug,
			adresse: query.adresse,
			rayon: query.rayon,
			maxRayon: MAX_RADIUS_KM,
			bases: LEGAL_BASES.map((b) => ({ value: b.code, label: b.label })),
			prestations: SERVICE_TYPES.map((t) => ({ value: t.code, label: t.label })),
			tailles: SIZE_BANDS.map((b) => ({ value: b.code, label: b.label }))
		},
		basis: basis && {
			code: basis.code,
			label: basis.label,
			who: basis.who,
			limits: basis.limits,
			sources: basis.sources
		},
		placeName: result.place?.name,
		matches: result.matches.slice(0, shown).map(v),
		apart: result.apart.slice(0, shown).map(v),
		matchesTotal: result.matches.length,
		apartTotal: result.apart.length,
		cutAt: result.matches.length > shown || result.apart.length > shown ? shown : undefined,
		further: result.further.slice(0, 10).map(v),
		noneNearby: result.noneNearby,
		noneNearbyFacts: result.noneNearbyFacts,
		potential: result.potential,
		lots: result.lots.map((l) => ({
			family: l.family,
			label: activityFamilyLabel(l.family),
			count: l.count
		})),
		groups: result.groups.map((g) => ({
			totalKm: g.totalKm,
			members: g.members.map((m) => ({
				lotCode: m.lot,
				lot: activityFamilyLabel(m.lot),
				name: m.supplier.record.name,
				href: route.record(m.supplier.record)
			})),
			total: g.totalKm === undefined ? undefined : km(g.totalKm)
		})),
		shortlist: result.shortlist.map(v),
		unknownChoices: result.unknownChoices,
		exported: result.shortlist.length ? 'selection' : 'resultats',
		links: {
			csv: route.acheterExport('csv', query, c.geo),
			xlsx: route.acheterExport('xlsx', query, c.geo),
			note: route.acheterNote(query, c.geo),
			guide: route.acheterGuide(),
			clear: route.acheter(),
			activities: route.apiActivities()
		},
		dataVersion: c.version,
		licence: DATA_LICENCE,
		notLegalAdvice: NOT_LEGAL_ADVICE
	};
}

/** The suppliers the files hold: the shortlist when there is one, else the page's matches. */
export function exportedSuppliers(page: AcheterPage): SupplierView[] {
	return page.exported === 'selection' ? page.shortlist : page.matches;
}

export const EXPORT_HEADERS = [
	'Nom',
	'SIRET',
	'Adresse',
	'Commune',
	'Distance (km)',
	'Quartier prioritaire (QPV)',
	'Famille d’activité',
	'Agréments et types',
	'Preuves (publication, site, adresse, date)',
	'Base juridique demandée',
	'Admise au titre de la base',
	'Site web',
	'E-mail',
	'Téléphone',
	'Fiche Carto ESS'
];

const ANSWERS = { yes: 'oui', no: 'non', unknown: 'à vérifier' } as const;

/**
 * What the files write in the site's own words (the rest is the records' content). French here; a file
 * reached from a page in another language gets that language's (src/lib/i18n/buyers.ts).
 */
export interface ExportWording {
	distance: (km: number) => string;
	family: (s: SupplierView) => string;
	kind: (k: SupplierView['kinds'][number]) => string;
	proofDate: (proof: ProofView) => string;
	basis: (page: AcheterPage) => string;
	admitted: (check: SupplierView['checks'][number]) => string;
}

export const FRENCH_EXPORT: ExportWording = {
	distance: (km) => String(km).replace('.', ','),
	family: (s) => s.family ?? '',
	kind: (k) => k.label,
	proofDate: (proof) => proof.date,
	basis: (page) => page.basis?.label ?? '',
	admitted: (check) => `${ANSWERS[check.answer]} : ${check.text}`
};

/** One row per exported supplier, in the page's order; `site` makes the record's address absolute. */
export function exportRows(page: AcheterPage, site: string, say: ExportWording = FRENCH_EXPORT): string[][] {
	return exportedSuppliers(page).map((s) => {
		const base = s.checks.find((x) => x.criterion === 'base');
		return [
			s.name,
			s.siret ?? '',
			s.address ?? '',
			s.commune ?? '',
			s.distanceKm === undefined ? '' : say.distance(s.distanceKm),
			s.qpv ?? '',
			say.family(s),
			s.kinds.map(say.kind).join(' ; '),
			s.kinds
				.filter((k) => k.proof)
				.map((k) =>
					[k.proof!.title, k.proof!.site, k.proof!.url, say.proofDate(k.proof!)].filter(Boolean).join(', ')
				)
				.join(' ; '),
			say.basis(page),
			base ? say.admitted(base) : '',
			s.contact.website ?? '',
			s.contact.email ?? '',
			s.contact.phone ?? '',
			`${site}${s.href}`
		];
	});
}

/** The export's file name, dated by the data: `fournisseurs-ess-<date>.csv`. */
export function exportFileName(format: 'csv' | 'xlsx', today: string): string {
	return `fournisseurs-ess-${today}.${format}`;
}

export type NeedLine = 'activite' | 'lieu' | 'base' | 'prestation' | 'taille' | 'lots';

/** The printable sourcing note: the need, the basis, every exported supplier and why, the data's date. */
export function acheterNotePage(
	c: Catalogue,
	url: URL,
	site: string,
	today: string,
	located?: LocatedDelivery
) {
	const page = acheterPage(c, url, located);
	const q = page.query;
	/** `key` says which line it is, so a page in another language writes it from the query. */
	const need: { key: NeedLine; label: string; value: string }[] = [];
	if (q.activite) need.push({ key: 'activite', label: 'Activité', value: activityFamilyLabel(q.activite) });
	if (page.placeName)
		need.push({
			key: 'lieu',
			label: 'Lieu d’exécution',
			value: `${page.placeName}, rayon ${q.rayon} km`
		});
	need.push({ key: 'base', label: 'Base juridique', value: page.basis?.label ?? 'Non précisée' });
	if (q.prestation)
		need.push({
			key: 'prestation',
			label: 'Type de prestation',
			value: page.form.prestations.find((p) => p.value === q.prestation)!.label
		});
	if (q.taille)
		need.push({
			key: 'taille',
			label: 'Tranche d’effectifs',
			value: page.form.tailles.find((t) => t.value === q.taille)!.label
		});
	if (q.lots.length)
		need.push({ key: 'lots', label: 'Lots', value: q.lots.map((l) => activityFamilyLabel(l)).join(' ; ') });
	const newest = exportedSuppliers(page)
		.map((s) => c.byId.get(s.id)?.record.lastVerified ?? '')
		.sort()
		.at(-1);
	return {
		page,
		need,
		suppliers: exportedSuppliers(page),
		printedOn: formatDate(today),
		printedDay: today,
		verifiedUpTo: newest ? formatDate(newest) : undefined,
		verifiedDay: newest || undefined,
		searchUrl: `${site}${route.acheter(q, c.geo)}`,
		backHref: route.acheter(q, c.geo, 'resultats')
	};
}

/** The guide: the legal bases with their sources, the clause facilitators the data lists, how to be listed. */
export function acheterGuidePage(c: Catalogue) {
	const facilitators = c.organisations
		.filter((o) => o.tags.some((t) => /clauses? sociales?/i.test(t)))
		.map((o) => ({ name: o.name, href: route.record(o), description: o.description }));
	return {
		bases: LEGAL_BASES.map((b) => ({
			code: b.code,
			label: b.label,
			who: b.who,
			limits: b.limits,
			sources: b.sources
		})),
		facilitators,
		notLegalAdvice: NOT_LEGAL_ADVICE,
		links: {
			search: route.acheter(),
			proposeStructure: route.proposeNew('structure'),
			activities: route.apiActivities()
		}
	};
}
