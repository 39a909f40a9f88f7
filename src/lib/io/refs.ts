/**
 * Checks between a record and the rest of the store that a zod schema cannot make: the commune, quartier,
 * QPV and thématique exist, linked records exist. The same rules as the seed check (domain/dataset.ts),
 * applied to one record at a time for the admin forms and the import dry run.
 */
import { notInFuture } from '$lib/domain/today';
import type { PublicRecord } from '$lib/domain/records';

export interface RefContext {
	communes: Map<string, { name: string }>;
	quartiers: Map<string, { communeCode: string; subQuartiers: string[] }>;
	qpv: Set<string>;
	thematiques: Set<string>;
	/** Organisations by id with their roles (the store's, plus the import file's). */
	organisations: Map<string, { roles: readonly string[] }>;
	fundingTools: Set<string>;
	now?: Date;
}

export interface FieldError {
	field: string;
	message: string;
}

export function checkRefs(r: PublicRecord, ctx: RefContext): FieldError[] {
	const errors: FieldError[] = [];
	const add = (field: string, message: string) => errors.push({ field, message });
	const now = ctx.now ?? new Date();
	if (!notInFuture(r.lastVerified, now)) add('lastVerified', 'date de vérification dans le futur');
	r.sources.forEach((s, i) => {
		if (!notInFuture(s.seen, now)) add(`sources.${i}.seen`, 'date de consultation dans le futur');
	});
	r.thematiques.forEach((t) => {
		if (!ctx.thematiques.has(t)) add('thematiques', `thématique inconnue « ${t} »`);
	});
	if (r.kind === 'organisation' || r.kind === 'initiative') {
		if (r.communeCode !== undefined && !ctx.communes.has(r.communeCode))
			add('communeCode', `commune inconnue « ${r.communeCode} »`);
		const q = r.quartierCode ? ctx.quartiers.get(r.quartierCode) : undefined;
		if (r.quartierCode && !q) add('quartierCode', `quartier inconnu « ${r.quartierCode} »`);
		if (q && q.communeCode !== r.communeCode)
			add('quartierCode', `ce quartier n’est pas dans la commune ${r.communeCode}`);
		if (r.subQuartier && !q) add('subQuartier', 'un sous-quartier demande un quartier');
		else if (r.subQuartier && q && !q.subQuartiers.includes(r.subQuartier))
			add('subQuartier', `sous-quartier « ${r.subQuartier} » inconnu dans ce quartier`);
		if (r.qpv && !ctx.qpv.has(r.qpv)) add('qpv', `QPV inconnu « ${r.qpv} »`);
		if ((r.location?.precision === 'address' || r.location?.precision === 'street') && !r.address)
			add('address', 'une position à l’adresse ou à la rue demande une adresse');
	}
	if (r.kind === 'organisation' && r.parentId) {
		if (r.parentId === r.id) add('parentId', 'une structure ne peut pas être sa propre parente');
		else if (!ctx.organisations.has(r.parentId)) add('parentId', `structure inconnue « ${r.parentId} »`);
	}
	if (r.kind === 'initiative' && r.carrier.organisationId && !ctx.organisations.has(r.carrier.organisationId))
		add('carrier.organisationId', `structure inconnue « ${r.carrier.organisationId} »`);
	if (r.kind === 'funding-tool') {
		r.providerIds.forEach((id) => {
			const p = ctx.organisations.get(id);
			if (!p) add('providerIds', `financeur ou opérateur inconnu « ${id} »`);
			else if (!p.roles.includes('financeur') && !p.roles.includes('accompagnateur'))
				add('providerIds', `« ${id} » n’a ni le rôle financeur ni le rôle accompagnateur`);
		});
		r.combinesWith.forEach((id) => {
			if (id === r.id) add('combinesWith', 'un outil ne se combine pas avec lui-même');
			else if (!ctx.fundingTools.has(id)) add('combinesWith', `outil inconnu « ${id} »`);
		});
		if (r.territory === 'commune' && !r.territoryCommune)
			add('territoryCommune', 'requis quand le territoire est « commune »');
		if (r.territoryCommune && !ctx.communes.has(r.territoryCommune))
			add('territoryCommune', `commune inconnue « ${r.territoryCommune} »`);
	}
	return errors;
}
