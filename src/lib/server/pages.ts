import { countRecords, listQuartiers } from './db/records';
import { getDb } from './store';

/** Key numbers and entry points for the home page. */
export function homeSummary() {
	const db = getDb();
	const published = db
		.prepare("SELECT kind, COUNT(*) AS n FROM records WHERE status = 'published' GROUP BY kind")
		.all() as { kind: keyof ReturnType<typeof countRecords>; n: number }[];
	const counts = { organisation: 0, initiative: 0, 'funding-tool': 0 };
	for (const r of published) counts[r.kind] = r.n;
	return { counts, quartiers: listQuartiers(db).map((q) => ({ slug: q.slug, name: q.name })) };
}
