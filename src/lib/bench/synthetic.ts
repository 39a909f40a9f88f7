/**
 * Seeded synthetic directory records for benchmarks (search, map). Every record is marked
 * `synthetic: true` and its name ends with « (synthétique) », so none can pass for real data.
 * Same seed and size, same records. Places fall inside the Eurométropole, near a real commune centre or
 * quartier point; the records parse with the real zod schemas (synthetic.test.ts checks it).
 */
import type { Commune, Quartier, Thematique } from '$lib/domain/geography';
import type { FundingTool, Initiative, Organisation, PublicRecord } from '$lib/domain/records';
import { EMS_BBOX } from '$lib/domain/coordinates';
import {
	APPROVAL_CODES,
	AUDIENCE_CODES,
	FUNDING_TYPE_CODES,
	INITIATIVE_TYPE_CODES,
	LEGAL_FORM_CODES,
	NEED_CODES,
	SECTOR_CODES,
	STAGE_CODES,
	TERRITORY_CODES,
	legalForm,
	type LegalFormCode
} from '$lib/domain/taxonomies';

export interface SyntheticGeo {
	communes: Pick<Commune, 'code' | 'centroid'>[];
	quartiers: Pick<Quartier, 'code' | 'communeCode' | 'point' | 'subQuartiers'>[];
	thematiques: Pick<Thematique, 'code'>[];
}

export interface SyntheticOptions {
	seed?: number;
	/** Share of each kind; the rest are funding tools. Default 0.6 organisations, 0.35 initiatives. */
	organisations?: number;
	initiatives?: number;
}

/** mulberry32: small, fast, good enough for test data, and identical on every platform. */
export function seededRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const ACTIVITIES = [
	'Atelier vélo',
	'Épicerie solidaire',
	'Jardin partagé',
	'Recyclerie',
	'Repair café',
	'Coopérative d’habitants',
	'Café associatif',
	'Tiers-lieu',
	'Chantier d’insertion',
	'Ressourcerie',
	'Amap',
	'Cuisine solidaire',
	'Friperie',
	'Médiation numérique',
	'Compostage collectif',
	'Boutique de l’économie circulaire',
	'Régie de quartier',
	'Fablab',
	'Crèche parentale',
	'Maison des associations',
	'Conciergerie solidaire',
	'Coopérative d’activité',
	'Atelier couture',
	'Banque alimentaire',
	'Vélo-école',
	'Accorderie',
	'Troc de savoirs',
	'Ludothèque',
	'Imprimerie coopérative',
	'Brasserie coopérative'
];
const QUALIFIERS = [
	'solidaire',
	'des habitants',
	'du quartier',
	'citoyen',
	'des Deux-Rives',
	'de l’Ill',
	'du Rhin',
	'écologique',
	'intergénérationnel',
	'des voisins',
	'ouvert',
	'en transition',
	'partagé',
	'alsacien'
];
const TOOL_NAMES = [
	'Prêt d’honneur',
	'Garantie bancaire',
	'Subvention d’amorçage',
	'Fonds de confiance',
	'Prêt participatif',
	'Apport associatif',
	'Bourse d’expérimentation',
	'Prix de l’innovation sociale',
	'Microcrédit',
	'Accompagnement à la création'
];
const TAGS = [
	'vélo',
	'réemploi',
	'réparation',
	'alimentation',
	'circuit court',
	'insertion',
	'emploi',
	'jeunesse',
	'seniors',
	'numérique',
	'culture',
	'musique',
	'habitat',
	'énergie',
	'compost',
	'jardin',
	'couture',
	'bénévolat',
	'formation',
	'mobilité',
	'entraide',
	'handicap',
	'parentalité',
	'sport',
	'santé',
	'logement',
	'coopération',
	'commerce équitable'
];
/** Sentences of 6-12 words, in the register of real directory descriptions. */
const WORDS = (
	'association coopérative structure projet habitants quartier accompagnement insertion emploi formation ' +
	'solidarité économie sociale solidaire circulaire réemploi réparation recyclage collecte vente occasion ' +
	'jardin potager compost légumes alimentation épicerie repas cuisine partage entraide voisinage bénévoles ' +
	'salariés atelier ateliers vélo vélos mobilité transport numérique ordinateurs médiation administratif ' +
	'jeunes enfants familles seniors personnes handicap santé logement habitat énergie rénovation chantier ' +
	'culture spectacle musique théâtre exposition lecture bibliothèque festival fête marché rencontre ' +
	'propose organise accueille anime développe soutient favorise permet accompagne forme réunit crée ' +
	'chaque semaine mois samedi mercredi soir matin régulièrement ensemble gratuitement local espace lieu ' +
	'centre maison ville Strasbourg Eurométropole commune territoire public privé partenaires financement ' +
	'subvention prêt garantie adhérents membres gouvernance démocratique utilité sociale environnement ' +
	'écologique durable transition citoyenne participation inclusion lien social accès droits services'
).split(' ');
const SYLLABLES = [
	'ko',
	'ra',
	'mi',
	'lu',
	'ste',
	'ber',
	'hof',
	'ach',
	'wil',
	'ner',
	'sel',
	'den',
	'gau',
	'tri'
];

function pick<T>(rand: () => number, items: readonly T[]): T {
	return items[Math.floor(rand() * items.length)];
}
function some<T>(rand: () => number, items: readonly T[], min: number, max: number): T[] {
	const n = min + Math.floor(rand() * (max - min + 1));
	const out = new Set<T>();
	while (out.size < Math.min(n, items.length)) out.add(pick(rand, items));
	return [...out];
}
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A made-up proper noun ("Kolusel"): real directories grow their vocabulary with every new name. */
function properNoun(rand: () => number): string {
	return cap(Array.from({ length: 2 + Math.floor(rand() * 2) }, () => pick(rand, SYLLABLES)).join(''));
}

function description(rand: () => number, min = 30, max = 120): string {
	const target = min + Math.floor(rand() * (max - min + 1));
	const sentences: string[] = [];
	let count = 0;
	while (count < target) {
		const len = Math.min(target - count, 6 + Math.floor(rand() * 7));
		const words = Array.from({ length: len }, () => (rand() < 0.05 ? properNoun(rand) : pick(rand, WORDS)));
		sentences.push(`${cap(words.join(' '))}.`);
		count += len;
	}
	return sentences.join(' ');
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

function placeNear(rand: () => number, lon: number, lat: number, radiusDeg: number) {
	const [w, s, e, n] = EMS_BBOX;
	return {
		lon: round(Math.min(e, Math.max(w, lon + (rand() * 2 - 1) * radiusDeg))),
		lat: round(Math.min(n, Math.max(s, lat + (rand() * 2 - 1) * radiusDeg * 0.66)))
	};
}

function placeFields(rand: () => number, geo: SyntheticGeo) {
	// Half of the places are in Strasbourg's quartiers, like the real directory.
	if (geo.quartiers.length > 0 && rand() < 0.5) {
		const q = pick(rand, geo.quartiers);
		const p = placeNear(rand, q.point.lon, q.point.lat, 0.008);
		return {
			communeCode: q.communeCode,
			quartierCode: q.code,
			subQuartier: pick(rand, q.subQuartiers).slug,
			location: { ...p, precision: 'address' as const }
		};
	}
	const c = pick(rand, geo.communes);
	const p = placeNear(rand, c.centroid.lon, c.centroid.lat, 0.01);
	return { communeCode: c.code, location: { ...p, precision: 'address' as const } };
}

const SOURCE = [
	{ reference: 'Donnée synthétique générée pour les mesures de performance', seen: '2026-01-01' }
];

function common(rand: () => number, i: number, prefix: string, name: string) {
	const id = `syn-${prefix}-${String(i).padStart(6, '0')}`;
	const month = String(1 + Math.floor(rand() * 12)).padStart(2, '0');
	const day = String(1 + Math.floor(rand() * 28)).padStart(2, '0');
	return {
		id,
		slug: id,
		name: `${name} (synthétique)`,
		status: 'published' as const,
		sources: SOURCE,
		lastVerified: `202${Math.floor(rand() * 6)}-${month}-${day}`,
		confidence: 'low' as const,
		caveats: [],
		synthetic: true
	};
}

function organisation(rand: () => number, i: number, geo: SyntheticGeo): Organisation {
	const form = pick(
		rand,
		LEGAL_FORM_CODES.filter((c) => c !== 'public')
	) as LegalFormCode;
	const family = legalForm(form).family;
	const fiscal =
		family === 'association' || family === 'fondation' || family === 'collectif'
			? pick(rand, ['fiscalisee', 'non-fiscalisee', 'inconnu'] as const)
			: pick(rand, ['fiscalisee', 'inconnu'] as const);
	return {
		kind: 'organisation',
		...common(rand, i, 'o', `${pick(rand, ACTIVITIES)} ${pick(rand, QUALIFIERS)} ${properNoun(rand)}`),
		description: description(rand),
		roles: rand() < 0.1 ? ['acteur', 'accompagnateur'] : ['acteur'],
		legalForm: form,
		isEss: family !== 'autre',
		approvals: rand() < 0.3 ? some(rand, APPROVAL_CODES, 1, 2) : [],
		fiscalStatus: fiscal,
		thematiques: some(
			rand,
			geo.thematiques.map((t) => t.code),
			0,
			2
		),
		sectors: some(rand, SECTOR_CODES, 1, 3),
		tags: some(rand, TAGS, 1, 5),
		foundedYear: 1950 + Math.floor(rand() * 75),
		contact: {},
		...placeFields(rand, geo)
	};
}

function initiative(rand: () => number, i: number, geo: SyntheticGeo): Initiative {
	return {
		kind: 'initiative',
		...common(rand, i, 'i', `${pick(rand, ACTIVITIES)} ${pick(rand, QUALIFIERS)} ${properNoun(rand)}`),
		description: description(rand),
		initiativeType: pick(rand, INITIATIVE_TYPE_CODES),
		isEss: rand() < 0.8,
		carrier: { kind: 'collectif-habitants' },
		needs: some(rand, NEED_CODES, 0, 2),
		thematiques: some(
			rand,
			geo.thematiques.map((t) => t.code),
			0,
			2
		),
		sectors: some(rand, SECTOR_CODES, 1, 2),
		tags: some(rand, TAGS, 1, 4),
		contact: {},
		...placeFields(rand, geo)
	};
}

function tool(rand: () => number, i: number, providerIds: string[], geo: SyntheticGeo): FundingTool {
	return {
		kind: 'funding-tool',
		...common(rand, i, 'f', `${pick(rand, TOOL_NAMES)} ${properNoun(rand)}`),
		description: description(rand),
		providerIds: some(rand, providerIds, 1, 2),
		types: some(rand, FUNDING_TYPE_CODES, 1, 2),
		eligibility: { audiences: some(rand, AUDIENCE_CODES, 1, 3), qpvOnly: false, unchecked: [] },
		stages: some(rand, STAGE_CODES, 1, 3),
		purposes: [],
		territory: pick(
			rand,
			TERRITORY_CODES.filter((t) => t !== 'commune')
		),
		thematiques: some(
			rand,
			geo.thematiques.map((t) => t.code),
			0,
			2
		),
		howToApply: description(rand, 10, 30),
		availability: 'ouvert',
		combinesWith: [],
		supportKinds: [],
		projectKinds: []
	};
}

/** `count` records: organisations first, then initiatives, then funding tools (providers are organisations). */
export function syntheticRecords(
	count: number,
	geo: SyntheticGeo,
	options: SyntheticOptions = {}
): PublicRecord[] {
	const rand = seededRandom(options.seed ?? 42);
	const nOrg = Math.max(1, Math.round(count * (options.organisations ?? 0.6)));
	const nInit = Math.min(count - nOrg, Math.round(count * (options.initiatives ?? 0.35)));
	const nTool = Math.max(0, count - nOrg - nInit);
	const records: PublicRecord[] = [];
	for (let i = 0; i < nOrg && records.length < count; i++) records.push(organisation(rand, i, geo));
	for (let i = 0; i < nInit; i++) records.push(initiative(rand, i, geo));
	const providers = records
		.filter((r) => r.kind === 'organisation')
		.slice(0, 50)
		.map((r) => r.id);
	for (let i = 0; i < nTool; i++) records.push(tool(rand, i, providers, geo));
	return records;
}
