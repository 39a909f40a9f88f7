/**
 * A published record as the public sees it: references to records that are not published (a draft, an
 * archived or deleted record) are dropped, so that no public output (pages, their data, JSON-LD, the API,
 * exports) names the id of something a maintainer has not published. The record itself is not changed.
 */
import type { PublicRecord } from './records';

export type IsPublished = (id: string) => boolean;

export interface PublicViewOptions {
	/**
	 * Keep providers that are not published: the catalogue names them (not linked) on their published
	 * tools' pages, which say who runs the tool; machine outputs (API, exports) drop them.
	 */
	keepProviders?: boolean;
}

export function publicView<T extends PublicRecord>(
	record: T,
	isPublished: IsPublished,
	opts: PublicViewOptions = {}
): T {
	switch (record.kind) {
		case 'organisation': {
			if (record.parentId === undefined || isPublished(record.parentId)) return record;
			const { parentId: _hidden, ...rest } = record;
			return rest as T;
		}
		case 'initiative': {
			const carrierId = record.carrier.organisationId;
			if (carrierId === undefined || isPublished(carrierId)) return record;
			const { organisationId: _hidden, ...carrier } = record.carrier;
			return { ...record, carrier } as T;
		}
		case 'funding-tool': {
			const combinesWith = record.combinesWith.filter(isPublished);
			const providerIds = opts.keepProviders ? record.providerIds : record.providerIds.filter(isPublished);
			if (
				combinesWith.length === record.combinesWith.length &&
				providerIds.length === record.providerIds.length
			)
				return record;
			return { ...record, combinesWith, providerIds } as T;
		}
		case 'event': {
			const organiserIds = record.organiserIds.filter(isPublished);
			const placeHidden = record.placeId !== undefined && !isPublished(record.placeId);
			if (organiserIds.length === record.organiserIds.length && !placeHidden) return record;
			const { placeId, ...rest } = record;
			return { ...rest, ...(placeHidden ? {} : { placeId }), organiserIds } as T;
		}
		default:
			return record;
	}
}
