/** Loads of the record pages (edit, create, history), so that the routes stay one call each. */
import { todayIso } from '$lib/domain/today';
import { RECORD_KINDS, type RecordKind } from '$lib/domain/records';
import { geocodeAddress } from '../geocoder';
import type { FormRaw } from '$lib/io/cells';
import { route } from '$lib/links';
import { rawToForm, recordToForm, type FormState } from '$lib/io/record-form';
import type { Db } from '../db/connection';
import { getProposal } from '../db/proposals';
import { getRecordById, listCommunes } from '../db/records';
import { refOptions } from './context';
import { proposalView } from './moderation';
import { historyView, withoutVersion } from './records';

export function parseKind(value: string | null): RecordKind {
	return (RECORD_KINDS as readonly string[]).includes(value ?? '') ? (value as RecordKind) : 'organisation';
}

/** The edit page: the record, its form, and a pending change proposal to approve through it, if asked. */
export function editPage(db: Db, id: string, proposalId: string | null) {
	const record = getRecordById(db, id);
	if (!record) return undefined;
	let form: FormState = recordToForm(record);
	let proposal: { id: string; explanation?: string } | undefined;
	if (proposalId) {
		const view = proposalView(db, proposalId);
		if (view && view.proposal.status === 'pending' && view.target?.id === id && view.proposed) {
			form = recordToForm(view.proposed);
			proposal = { id: view.proposal.id, explanation: view.explanation };
		}
	}
	return {
		record: {
			id: record.id,
			kind: record.kind,
			name: record.name,
			slug: record.slug,
			status: record.status,
			version: record.version,
			lastVerified: record.lastVerified,
			publicPath: record.status === 'published' ? route.record(record) : null
		},
		form,
		proposal,
		options: refOptions(db)
	};
}

/** The create page: an empty form of a kind, or a new-record proposal's content to check and approve. */
export function createPage(db: Db, kindParam: string | null, proposalId: string | null, now = new Date()) {
	let kind = parseKind(kindParam);
	let form: FormState = recordToForm({ kind, status: 'draft', lastVerified: todayIso(now) });
	let proposal: { id: string } | undefined;
	if (proposalId) {
		const p = getProposal(db, proposalId);
		const view =
			p && p.status === 'pending' && p.type !== 'change' ? proposalView(db, proposalId, now) : undefined;
		if (view?.proposed) {
			kind = view.proposed.kind;
			form = recordToForm(view.proposed);
			proposal = { id: proposalId };
		}
	}
	return { kind, form, proposal, options: refOptions(db) };
}

export function historyPage(db: Db, id: string) {
	const record = getRecordById(db, id);
	if (!record) return undefined;
	return {
		record: { id: record.id, kind: record.kind, name: record.name, version: record.version },
		entries: historyView(db, id).map((h) => ({
			version: h.entry.version,
			action: h.entry.action,
			at: h.entry.changedAt,
			by: h.by,
			note: h.entry.note,
			changes: h.changes,
			current: h.entry.version === record.version
		})),
		current: withoutVersion(record)
	};
}

/**
 * "Géocoder l'adresse": asks the configured geocoder (the same as the public forms, GEOCODER_URL) and puts
 * the position and its precision into the form, unsaved, for the maintainer to check.
 */
export async function geocodeForm(
	db: Db,
	kind: RecordKind,
	raw: FormRaw,
	baseUrl: string,
	fetchFn?: typeof fetch
): Promise<{ form: FormState; message: string; found: boolean }> {
	const text = (k: string) => (typeof raw[k] === 'string' ? (raw[k] as string).trim() : '');
	const address = text('address');
	const citycode = text('communeCode');
	if (!address || !citycode)
		return {
			form: rawToForm(kind, raw),
			found: false,
			message: 'Indiquez l’adresse et la commune avant de géocoder.'
		};
	const result = await geocodeAddress(address, {
		baseUrl,
		citycode,
		allowedCitycodes: new Set(listCommunes(db).map((c) => c.code)),
		fetch: fetchFn
	});
	if (result.status !== 'found') {
		const why = result.status === 'unavailable' ? 'service indisponible' : 'adresse non trouvée';
		return {
			form: rawToForm(kind, raw),
			found: false,
			message: `Géocodage impossible (${why} : ${result.reason}). Saisissez la longitude et la latitude, ou choisissez la précision « quartier » ou « commune ».`
		};
	}
	const next: FormRaw = {
		...raw,
		'location.lon': String(result.lon),
		'location.lat': String(result.lat),
		'location.precision': result.precision
	};
	return {
		form: rawToForm(kind, next),
		found: true,
		message: `Adresse trouvée : « ${result.label} » (précision : ${result.precision === 'address' ? 'à l’adresse' : 'la rue'}). Vérifiez puis enregistrez.`
	};
}

/** "Géocoder l'adresse" on an existing record's form; undefined when the record does not exist. */
export async function geocodeRecordForm(
	db: Db,
	id: string,
	raw: FormRaw,
	baseUrl: string
): Promise<Awaited<ReturnType<typeof geocodeForm>> | undefined> {
	const record = getRecordById(db, id);
	return record ? geocodeForm(db, record.kind, raw, baseUrl) : undefined;
}
