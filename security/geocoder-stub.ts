/**
 * A slow, counting stand-in for the Géoplateforme geocoder. Slow on purpose (GEOCODER_DELAY_MS): the rate
 * limits must hold while requests wait for it, which is when parallel requests used to slip through.
 * `GET /search` answers "67 avenue Racine" (a house number in Strasbourg) and nothing else;
 * `GET /calls` says how many searches it served; `POST /reset` sets that back to 0.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const GEOCODER_DELAY_MS = 50;

export async function startGeocoderStub(): Promise<{ url: string; close: () => Promise<void> }> {
	let calls = 0;
	const server: Server = createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://stub');
		const send = (status: number, body: unknown) => {
			res.writeHead(status, { 'content-type': 'application/json' });
			res.end(JSON.stringify(body));
		};
		if (url.pathname === '/calls') return send(200, { calls });
		if (url.pathname === '/reset' && req.method === 'POST') {
			calls = 0;
			return send(200, { calls });
		}
		if (url.pathname !== '/search') return send(404, { error: 'not found' });
		calls++;
		const q = (url.searchParams.get('q') ?? '').trim().toLowerCase();
		const features =
			q === '67 avenue racine'
				? [
						{
							type: 'Feature',
							geometry: { type: 'Point', coordinates: [7.7021, 48.5948] },
							properties: {
								label: '67 Avenue Racine 67200 Strasbourg',
								score: 0.94,
								type: 'housenumber',
								citycode: '67482'
							}
						}
					]
				: [];
		setTimeout(() => send(200, { type: 'FeatureCollection', features }), GEOCODER_DELAY_MS);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		close: () => new Promise((resolve) => server.close(() => resolve()))
	};
}
