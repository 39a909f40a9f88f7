/**
 * The visitor's position, once, as the explorer's « Autour de moi » and the annuaire's « près de moi » ask
 * for it: the same options, and the same French reasons when there is none, each followed by what to do
 * instead (`instead`, e.g. « saisissez une adresse »).
 */
export type Located =
	| { ok: true; lon: number; lat: number }
	/** `reason` lets a translated page say the same in its own language. */
	| { ok: false; message: string; reason: 'unsupported' | 'denied' | 'unavailable' };

/** Positions are rounded to 1e-5 degree (about a metre): more would be false precision, and longer URLs. */
const round = (v: number) => Math.round(v * 1e5) / 1e5;

export function geolocate(instead: string): Promise<Located> {
	if (typeof navigator === 'undefined' || !('geolocation' in navigator))
		return Promise.resolve({
			ok: false,
			message: `Votre navigateur ne donne pas votre position : ${instead}.`,
			reason: 'unsupported'
		});
	return new Promise((resolve) =>
		navigator.geolocation.getCurrentPosition(
			(pos) => resolve({ ok: true, lon: round(pos.coords.longitude), lat: round(pos.coords.latitude) }),
			(err) =>
				resolve({
					ok: false,
					message: `${err.code === err.PERMISSION_DENIED ? 'Position refusée' : 'Position indisponible'}. ${upper(instead)}.`,
					reason: err.code === err.PERMISSION_DENIED ? 'denied' : 'unavailable'
				}),
			{ enableHighAccuracy: false, timeout: 10_000, maximumAge: 60_000 }
		)
	);
}

const upper = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
