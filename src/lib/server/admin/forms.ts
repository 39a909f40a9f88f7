/** Loads of the record pages (edit, create, history), so that the routes stay one call each. */
import { todayIso } from '$lib/domain/today';
import { RECORD_KINDS, type RecordKind } from '$lib/domain/records';
import { geocodeAddress } from '../geocoder';
import type { FormRaw } from '$lib/io/cells';
import { route } from '$lib/links';
import { rawToForm, recordToForm, type FormState } from '$lib/io/record-form';
import { getProposal } from '../db/proposals';
import { getRecordById, listCommunes } from '../db/records';
import type { SqlClient } from '../db/sql';
import { refOptions } from './context';
import type { ProposalView } from './moderation';
import { historyView, withoutVersion } from './records';

/**
 * A proposal's view (moderation.ts's proposalView), given by the route: the moderation reads through its
 * own connection until it moves to the asynchronous client.
 */
export type ProposalViewOf = (
	id: string,
	now?: Date
) => ProposalView | undefined | Promise<ProposalView | undefined>;

export function parseKind(value: string | null): RecordKind {
	return (RECORD_KINDS as readonly string[]).includes(value ?? '') ? (value as RecordKind) : 'organisation';
}

/** The edit page: the record, its form, and a pending change proposal to approve through it, if asked. */
export async function editPage(
	sql: SqlClient,
	id: string,
	proposalId: string | null,
	proposalView: ProposalViewOf
) {
	const record = await getRecordById(sql, id);
	if (!record) return undefined;
	let form: FormState = recordToForm(record);
	let proposal: { id: string; explanation?: string } | undefined;
	if (proposalId) {
		const view = await proposalView(proposalId);
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
		options: await refOptions(sql)
	};
}

/** The create page: an empty form of a kind, or a new-record proposal's content to check and approve. */
export async function createPage(
	sql: SqlClient,
	kindParam: string | null,
	proposalId: string | null,
	proposalView: ProposalViewOf,
	now = new Date()
) {
	let kind = parseKind(kindParam);
	let form: FormState = recordToForm({ kind, status: 'draft', lastVerified: todayIso(now) });
	let proposal: { id: string } | undefined;
	if (proposalId) {
		const p = await getProposal(sql, proposalId);
		const view =
			p && p.status === 'pending' && p.type !== 'change' ? await proposalView(proposalId, now) : undefined;
		if (view?.proposed) {
			kind = view.proposed.kind;
			form = recordToForm(view.proposed);
			proposal = { id: proposalId };
		}
	}
	return { kind, form, proposal, options: await refOptions(sql) };
}

export async function historyPage(sql: SqlClient, id: string) {
	const record = await getRecordById(sql, id);
	if (!record) return undefined;
	return {
		record: { id: record.id, kind: record.kind, name: record.name, version: record.version },
		entries: (await historyView(sql, id)).map((h) => ({
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
	sql: SqlClient,
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
		allowedCitycodes: new Set((await listCommunes(sql)).map((c) => c.code)),
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
	sql: SqlClient,
	id: string,
	raw: FormRaw,
	baseUrl: string
): Promise<Awaited<ReturnType<typeof geocodeForm>> | undefined> {
	const record = await getRecordById(sql, id);
	return record ? geocodeForm(sql, record.kind, raw, baseUrl) : undefined;
}
