/**
 * A point placed by hand (the pin of the proposal and record forms): the typed longitude and latitude are
 * the form, and the map's marker is kept in step with them both ways. These are the rules both sides share.
 */
import { ALLOWED_BBOX } from '../coordinates';
import type { LonLat } from '../coordinates';

/** A coordinate as people type it: « 7,7521 » as well as « 7.7521 »; undefined when it is not a number. */
export function parseCoordinate(text: string | null | undefined): number | undefined {
	const t = (text ?? '').trim().replace(',', '.');
	if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(t)) return undefined;
	const n = Number(t);
	return Number.isFinite(n) ? n : undefined;
}

/** The pin the typed fields describe, when both are numbers and the point is in or near the Eurométropole. */
export function readPin(lon: string | null | undefined, lat: string | null | undefined): LonLat | undefined {
	const x = parseCoordinate(lon);
	const y = parseCoordinate(lat);
	if (x === undefined || y === undefined) return undefined;
	const [w, s, e, n] = ALLOWED_BBOX;
	return x >= w && x <= e && y >= s && y <= n ? { lon: x, lat: y } : undefined;
}

/** Five decimals: about a metre, finer than a hand on a map can place. */
export function formatCoordinate(n: number): string {
	return String(Number(n.toFixed(5)));
}

/** What a screen reader hears once the pin is placed. */
export function describePin(p: LonLat): string {
	const fr = (n: number) => formatCoordinate(n).replace('.', ',');
	return `Repère placé : longitude ${fr(p.lon)}, latitude ${fr(p.lat)}.`;
}

/** Where a pin map opens with nothing typed yet: the centre of Strasbourg, at a zoom that shows the city. */
export const PIN_HOME: LonLat = { lon: 7.7521, lat: 48.5734 };
export const PIN_ZOOM = { home: 12.5, zone: 14, pin: 16 } as const;
