import { describe, expect, it } from 'vitest';
import { geocodeAddress, searchUrl, type GeocodeOptions } from './geocoder';

const COMMUNES = new Set(['67482', '67447', '67218']);

function feature(props: Record<string, unknown>, coordinates: number[] = [7.7354, 48.5912]) {
	return {
		type: 'Feature',
		geometry: { type: 'Point', coordinates },
		properties: {
			label: '67 Avenue Racine 67200 Strasbourg',
			score: 0.93,
			type: 'housenumber',
			citycode: '67482',
			...props
		}
	};
}

/** A fake fetch answering one body (or throwing), recording the URLs it was asked for. */
function fakeFetch(answer: unknown | (() => never), status = 200) {
	const calls: string[] = [];
	const fn = (async (input: RequestInfo | URL) => {
		calls.push(String(input));
		if (typeof answer === 'function') (answer as () => never)();
		return new Response(JSON.stringify(answer), { status, headers: { 'content-type': 'application/json' } });
	}) as typeof fetch;
	return { fn, calls };
}

const collection = (...features: unknown[]) => ({ type: 'FeatureCollection', version: 'draft', features });

function opts(fetchFn: typeof fetch, extra: Partial<GeocodeOptions> = {}): GeocodeOptions {
	return { baseUrl: 'http://geo.test/geocodage', allowedCitycodes: COMMUNES, fetch: fetchFn, ...extra };
}

describe('geocodeAddress', () => {
	it('builds the Géoplateforme search URL with limit=1 and the commune filter', async () => {
		const { fn, calls } = fakeFetch(collection(feature({})));
		await geocodeAddress('67 avenue Racine', opts(fn, { citycode: '67482' }));
		const url = new URL(calls[0]);
		expect(url.origin + url.pathname).toBe('http://geo.test/geocodage/search');
		expect(url.searchParams.get('q')).toBe('67 avenue Racine');
		expect(url.searchParams.get('limit')).toBe('1');
		expect(url.searchParams.get('citycode')).toBe('67482');
		expect(searchUrl('http://x.test/g/', 'a b')).toBe('http://x.test/g/search?q=a+b&limit=1');
	});

	it('maps a house number to precision "address" and a street to "street"', async () => {
		const house = await geocodeAddress('67 avenue Racine', opts(fakeFetch(collection(feature({}))).fn));
		expect(house).toEqual({
			status: 'found',
			lon: 7.7354,
			lat: 48.5912,
			precision: 'address',
			label: '67 Avenue Racine 67200 Strasbourg',
			score: 0.93,
			citycode: '67482'
		});
		const street = await geocodeAddress(
			'avenue Racine',
			opts(fakeFetch(collection(feature({ type: 'street', label: 'Avenue Racine' }))).fn)
		);
		expect(street).toMatchObject({ status: 'found', precision: 'street' });
	});

	it('refuses weak scores, vague types, other communes and points outside the Eurométropole', async () => {
		const cases = [
			feature({ score: 0.41 }),
			feature({ type: 'municipality' }),
			feature({ type: 'locality' }),
			feature({ citycode: '75056' }),
			feature({}, [2.35, 48.85])
		];
		for (const f of cases) {
			const r = await geocodeAddress('1 rue quelque part', opts(fakeFetch(collection(f)).fn));
			expect(r.status).toBe('not-found');
		}
		// A result in another commune of the Eurométropole than the one chosen is refused too.
		const other = await geocodeAddress(
			'1 route du Général de Gaulle',
			opts(fakeFetch(collection(feature({ citycode: '67218' }))).fn, { citycode: '67482' })
		);
		expect(other.status).toBe('not-found');
		const none = await geocodeAddress('nulle part', opts(fakeFetch(collection()).fn));
		expect(none).toEqual({ status: 'not-found', reason: 'aucun résultat' });
	});

	it('never throws: network errors, HTTP errors, timeouts and malformed answers are "unavailable"', async () => {
		const network = await geocodeAddress(
			'67 avenue Racine',
			opts(
				fakeFetch(() => {
					throw new TypeError('fetch failed');
				}).fn
			)
		);
		expect(network.status).toBe('unavailable');
		expect((await geocodeAddress('67 avenue Racine', opts(fakeFetch({}, 503).fn))).status).toBe(
			'unavailable'
		);
		expect((await geocodeAddress('67 avenue Racine', opts(fakeFetch({ hello: 1 }).fn))).status).toBe(
			'unavailable'
		);
		expect(
			(
				await geocodeAddress(
					'67 avenue Racine',
					opts(fakeFetch(collection({ geometry: { type: 'Point', coordinates: ['x'] } })).fn)
				)
			).status
		).toBe('unavailable');
		const slow = (async (_: RequestInfo | URL, init?: RequestInit) =>
			new Promise<Response>((_resolve, reject) => {
				init?.signal?.addEventListener('abort', () => reject(init.signal!.reason));
			})) as typeof fetch;
		const started = Date.now();
		const timedOut = await geocodeAddress('67 avenue Racine', opts(slow, { timeoutMs: 50 }));
		expect(timedOut).toEqual({ status: 'unavailable', reason: 'délai dépassé' });
		expect(Date.now() - started).toBeLessThan(2000);
	});

	it('does not call the service for queries it would reject', async () => {
		const { fn, calls } = fakeFetch(collection(feature({})));
		expect((await geocodeAddress('  a ', opts(fn))).status).toBe('not-found');
		expect((await geocodeAddress('x'.repeat(201), opts(fn))).status).toBe('not-found');
		expect(calls).toEqual([]);
	});
});
