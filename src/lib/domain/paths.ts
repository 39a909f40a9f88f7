/**
 * Dotted paths into records (`contact.website`, `location.lon`). Paths come from the record fields (never
 * from input), so no prototype key can appear.
 */

export function getPath(obj: unknown, path: string): unknown {
	let v: unknown = obj;
	for (const part of path.split('.')) {
		if (typeof v !== 'object' || v === null) return undefined;
		v = (v as Record<string, unknown>)[part];
	}
	return v;
}

export function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
	const parts = path.split('.');
	let target = obj;
	for (const part of parts.slice(0, -1)) {
		const next = target[part];
		if (typeof next !== 'object' || next === null || Array.isArray(next)) target[part] = {};
		target = target[part] as Record<string, unknown>;
	}
	const last = parts[parts.length - 1];
	if (value === undefined) delete target[last];
	else target[last] = value;
}

/** Removes empty objects left behind by cleared nested fields (a location with no lon, lat, precision). */
export function pruneEmptyObjects(obj: Record<string, unknown>): Record<string, unknown> {
	for (const [key, value] of Object.entries(obj)) {
		if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
			pruneEmptyObjects(value as Record<string, unknown>);
			if (Object.keys(value).length === 0) delete obj[key];
		}
	}
	return obj;
}
