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
 * `q` containing "panne" answers HTTP 503, to exercise the fallback when the service is down.
 */
import { createServer } from 'node:http';

const PREFIX = '/__test__/geocoder';
const port = Number(process.argv[2] ?? process.env.GEOCODER_DOUBLE_PORT ?? 4814);

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

const server = createServer((req, res) => {
	const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
	const send = (status: number, body: unknown) => {
		res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
		res.end(JSON.stringify(body));
	};
	if (url.pathname === `${PREFIX}/health`) return send(200, { ok: true });
	if (req.method !== 'GET' || url.pathname !== `${PREFIX}/search`) return send(404, { error: 'not found' });

	const q = (url.searchParams.get('q') ?? '').trim();
	if (q.length < 3 || q.length > 200)
		return send(400, { code: 400, message: 'q must contain 3 to 200 chars' });
	if (/panne/i.test(q)) return send(503, { code: 503, message: 'Service indisponible (double de test)' });
	const citycode = url.searchParams.get('citycode');
	const hit = FIXTURES.find((f) => f.match.test(q) && (!citycode || citycode === f.citycode));
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

server.listen(port, '127.0.0.1', () => console.log(`geocoder double on http://127.0.0.1:${port}${PREFIX}`));
for (const signal of ['SIGINT', 'SIGTERM'] as const)
	process.on(signal, () => server.close(() => process.exit(0)));
