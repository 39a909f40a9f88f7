/** The CRESS's indicators (`/admin/indicateurs`): the store's history and proposals, counted. */
import { todayIso } from '$lib/domain/today';
import { indicators } from '$lib/domain/observatory/indicators';
import { route } from '$lib/links';
import { getCatalogue } from '../catalogue';
import type { SqlClient } from '../db/sql';
import { historyByMonth, proposalFacts } from '../db/observatory';

export async function indicatorsPage(sql: SqlClient, today = todayIso()) {
	const catalogue = await getCatalogue(sql);
	return {
		...indicators({
			proposals: await proposalFacts(sql),
			history: await historyByMonth(sql),
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
