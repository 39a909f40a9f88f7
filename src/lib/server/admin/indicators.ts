/** The CRESS's indicators (`/admin/indicateurs`): the store's history and proposals, counted. */
import { todayIso } from '$lib/domain/today';
import { indicators } from '$lib/domain/observatory/indicators';
import { route } from '$lib/links';
import { getCatalogue } from '../catalogue';
import type { Db } from '../db/connection';
import { historyByMonth, proposalFacts } from '../db/observatory';

export function indicatorsPage(db: Db, today = todayIso()) {
	const catalogue = getCatalogue(db);
	return {
		...indicators({
			proposals: proposalFacts(db),
			history: historyByMonth(db),
			records: catalogue.records,
			communes: catalogue.geo.communes,
			today
		}),
		links: {
			freshness: route.adminFreshness(),
			moderation: route.adminModeration(),
			observatory: route.observatory()
		}
	};
}
