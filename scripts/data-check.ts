/**
 * npm run data:check [dataDir]
 * Validates every seed file against the zod schemas and the cross-references between files.
 * Prints one `file:record:field: message` line per problem; exits 1 when there is any.
 */
import { resolve } from 'node:path';
import { formatIssue } from '../src/lib/domain/dataset';
import { loadDataset } from '../src/lib/server/seed/read-data';

const dir = resolve(process.argv[2] ?? 'data');
const { dataset, issues } = loadDataset(dir);
for (const issue of issues) console.log(formatIssue(issue));
const counts = Object.entries(dataset)
	.map(([k, v]) => `${k}: ${v.length}`)
	.join(', ');
if (issues.length) {
	console.error(`data:check: ${issues.length} problème(s) dans ${dir} (${counts})`);
	process.exit(1);
}
console.log(`data:check: OK (${counts})`);
