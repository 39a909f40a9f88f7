/**
 * A local stand-in for the Géoplateforme geocoding API, for browser tests only (tests never reach the network).
 * Started by Playwright beside the app; the app's GEOCODER_URL points at http://127.0.0.1:<port>/__test__/geocoder.
 *
 *   npx tsx scripts/geocoder-double.ts [port]      (default: $GEOCODER_DOUBLE_PORT or 4814)
 *
 * It answers `GET /__test__/geocoder/search?q=...&limit=1&citycode=...` with a GeocodeJSON FeatureCollection
 * shaped like the real one (GeocodeJSON, as documented at https://geoservices.ign.fr/documentation/services/services-geoplateforme/geocodage)
 * for a few fixed queries, and an empty
 * collection for anything else. The coordinates are test fixtures, not verified positions.
 * `q` containing "panne" answers HTTP 503, to exercise the fallback when the service is down; `q` containing
 * "lenteur" answers after 8 s, past every caller's delay, to exercise the fallback when it is slow.
 *
 * It also answers the batch endpoint `POST /__test__/geocoder/search/csv` (multipart: `data` the CSV file,
 * `columns` the columns joined into the query, `citycode` the column of each row's INSEE code,
 * `result_columns` the result columns wanted), as the Géoplateforme does (gpf-geocodeur's CSV API, as
 * addok-csv: https://github.com/addok/addok-csv): the same rows with `latitude`, `longitude` and `result_*`
 * columns added, `result_status` ok, not-found or skipped. A file with a row containing "panne" answers 503.
 * Unit tests start it in-process with `createGeocoderDouble()` on a free port.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { Readable } from 'node:stream';
import { basename } from 'node:path';
import { parse } from 'csv-parse/sync';

const PREFIX = '/__test__/geocoder';

interface Fixture {
	match: RegExp;
	type: 'housenumber' | 'street' | 'municipality';
	label: string;
	score: number;
	citycode: string;
	city: string;
	coordinates: [number, number];
}

const FIXTURES: Fixture[] = [
	{
		match: /^67 avenue racine$/i,
		type: 'housenumber',
		label: '67 Avenue Racine 67200 Strasbourg',
		score: 0.94,
		citycode: '67482',
		city: 'Strasbourg',
		coordinates: [7.7021, 48.5948]
	},
	{
		match: /^rue du jeu-des-enfants$/i,
		type: 'street',
		label: 'Rue du Jeu-des-Enfants 67000 Strasbourg',
		score: 0.88,
		citycode: '67482',
		city: 'Strasbourg',
		coordinates: [7.7453, 48.5846]
	},
	{
		match: /^12 rue du jeu des enfants$/i,
		type: 'housenumber',
		label: '12 Rue du Jeu des Enfants 67000 Strasbourg',
		score: 0.91,
		citycode: '67482',
		city: 'Strasbourg',
		coordinates: [7.7459, 48.5851]
	},
	{
		match: /^rue du marche imprecis$/i,
		type: 'street',
		label: 'Rue du Marché 67000 Strasbourg',
		score: 0.42,
		citycode: '67482',
		city: 'Strasbourg',
		coordinates: [7.748, 48.582]
	},
	{
		match: /^strasbourg$/i,
		type: 'municipality',
		label: 'Strasbourg',
		score: 0.97,
		citycode: '67482',
		city: 'Strasbourg',
		coordinates: [7.7507, 48.5818]
	}
];

function collection(query: string, features: object[]) {
	return {
		type: 'FeatureCollection',
		version: 'draft',
		attribution: 'BAN (double de test)',
		licence: 'ETALAB-2.0',
		query,
		limit: 1,
		features
	};
}

function find(q: string, citycode: string | null | undefined): Fixture | undefined {
	return FIXTURES.find((f) => f.match.test(q) && (!citycode || citycode === f.citycode));
}

const RESULT_COLUMNS = [
	'latitude',
	'longitude',
	'result_label',
	'result_score',
	'result_score_next',
	'result_type',
	'result_id',
	'result_housenumber',
	'result_name',
	'result_street',
	'result_postcode',
	'result_city',
	'result_context',
	'result_citycode',
	'result_oldcitycode',
	'result_oldcity',
	'result_district',
	'result_status'
];

const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** POST /search/csv: the uploaded rows, each with its result columns. */
async function csvAnswer(
	req: IncomingMessage,
	url: URL
): Promise<{ status: number; body: string; type: string }> {
	const headers = new Headers();
	for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
	let form: FormData;
	try {
		form = await new Request(url, {
			method: 'POST',
			headers,
			body: Readable.toWeb(req) as ReadableStream,
			duplex: 'half'
		} as RequestInit).formData();
	} catch {
		return {
			status: 400,
			body: JSON.stringify({ code: 400, message: 'multipart attendu' }),
			type: 'application/json'
		};
	}
	const file = form.get('data');
	if (!(file instanceof Blob))
		return {
			status: 400,
			body: JSON.stringify({ code: 400, message: 'data manquant' }),
			type: 'application/json'
		};
	const rows = parse(await file.text(), { columns: true, bom: true, skip_empty_lines: true }) as Record<
		string,
		string
	>[];
	const columns = form.getAll('columns').map(String);
	const header = rows.length ? Object.keys(rows[0]) : [];
	if (columns.some((c) => !header.includes(c)))
		return {
			status: 400,
			body: JSON.stringify({ code: 400, message: 'At least one given column name is unknown' }),
			type: 'application/json'
		};
	const citycodeColumn = form.get('citycode');
	const wanted = form.getAll('result_columns').map(String);
	const resultColumns = wanted.length ? RESULT_COLUMNS.filter((c) => wanted.includes(c)) : RESULT_COLUMNS;
	const out = [[...header, ...resultColumns].map(cell).join(',')];
	for (const row of rows) {
		const q = (columns.length ? columns : header)
			.map((c) => (row[c] ?? '').trim())
			.join(' ')
			.trim();
		if (/panne/i.test(q))
			return {
				status: 503,
				body: JSON.stringify({ code: 503, message: 'Service indisponible' }),
				type: 'application/json'
			};
		const citycode = typeof citycodeColumn === 'string' ? row[citycodeColumn] : undefined;
		const hit = q.length >= 3 ? find(q, citycode) : undefined;
		const result: Record<string, string> = Object.fromEntries(resultColumns.map((c) => [c, '']));
		result.result_status = q.length < 3 ? 'skipped' : hit ? 'ok' : 'not-found';
		if (hit) {
			Object.assign(result, {
				latitude: String(hit.coordinates[1]),
				longitude: String(hit.coordinates[0]),
				result_label: hit.label,
				result_score: String(hit.score),
				result_type: hit.type,
				result_citycode: hit.citycode,
				result_city: hit.city
			});
		}
		out.push(
			[...header.map((c) => row[c] ?? ''), ...resultColumns.map((c) => result[c] ?? '')].map(cell).join(',')
		);
	}
	return { status: 200, body: out.join('\n') + '\n', type: 'text/csv; charset=utf-8' };
}

/** The double's HTTP server, not yet listening. */
export function createGeocoderDouble(): Server {
	return createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const send = (status: number, body: unknown) => {
			res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
			res.end(JSON.stringify(body));
		};
		if (url.pathname === `${PREFIX}/health`) return send(200, { ok: true });
		if (req.method === 'POST' && url.pathname === `${PREFIX}/search/csv`) {
			csvAnswer(req, url).then(
				(a) => {
					res.writeHead(a.status, { 'content-type': a.type });
					res.end(a.body);
				},
				() => send(500, { error: 'double : erreur interne' })
			);
			return;
		}
		if (req.method !== 'GET' || url.pathname !== `${PREFIX}/search`) return send(404, { error: 'not found' });

		const q = (url.searchParams.get('q') ?? '').trim();
		if (q.length < 3 || q.length > 200)
			return send(400, { code: 400, message: 'q must contain 3 to 200 chars' });
		if (/panne/i.test(q)) return send(503, { code: 503, message: 'Service indisponible (double de test)' });
		if (/lenteur/i.test(q)) {
			const timer = setTimeout(() => send(200, collection(q, [])), 8000);
			req.on('close', () => clearTimeout(timer));
			return;
		}
		const hit = find(q, url.searchParams.get('citycode'));
		if (!hit) return send(200, collection(q, []));
		const [x, y] = hit.coordinates;
		return send(
			200,
			collection(q, [
				{
					type: 'Feature',
					geometry: { type: 'Point', coordinates: [x, y] },
					properties: {
						label: hit.label,
						score: hit.score,
						id: `test-${hit.type}`,
						type: hit.type,
						name: hit.label.split(' 67')[0],
						postcode: hit.label.match(/\b67\d{3}\b/)?.[0] ?? '',
						citycode: hit.citycode,
						city: hit.city,
						context: '67, Bas-Rhin, Grand Est',
						importance: 0.5
					}
				}
			])
		);
	});
}

export const GEOCODER_DOUBLE_PREFIX = PREFIX;

if (process.argv[1] && import.meta.url.endsWith(basename(process.argv[1]))) {
	const port = Number(process.argv[2] ?? process.env.GEOCODER_DOUBLE_PORT ?? 4814);
	const server = createGeocoderDouble();
	server.listen(port, '127.0.0.1', () => console.log(`geocoder double on http://127.0.0.1:${port}${PREFIX}`));
	for (const signal of ['SIGINT', 'SIGTERM'] as const)
		process.on(signal, () => server.close(() => process.exit(0)));
}
