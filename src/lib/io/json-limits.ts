/**
 * JSON read with limits checked before `JSON.parse`: a file nested thousands of levels deep parses fine but
 * makes every recursive walk after it (JSON.stringify, zod, our flattening) overflow the stack, and a file of
 * millions of coordinates costs seconds and hundreds of MB before any check can refuse it. One linear pass
 * over the text, outside strings, measures the nesting depth and counts the values; past a limit the file is
 * refused with a French message and never parsed.
 */

export type JsonLimits = {
	/** Characters of text (a UTF-16 length: close enough to bytes for a refusal message). */
	maxChars: number;
	/** Arrays and objects open at once. */
	maxDepth: number;
	/** Values of every kind (numbers, strings, literals, arrays, objects) in the whole document. */
	maxValues: number;
};

export type JsonReadResult =
	{ ok: true; value: unknown } | { ok: false; reason: 'limit' | 'syntax'; message: string };

const OPEN_OBJECT = 0x7b; // {
const OPEN_ARRAY = 0x5b; // [
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;

const fmt = (n: number) => n.toLocaleString('fr-FR');

/**
 * Measures depth and value count without building anything. Malformed text is left to JSON.parse to
 * describe: this pass only refuses what is too big or too deep.
 */
export function checkJsonLimits(
	text: string,
	limits: JsonLimits
): { ok: true } | { ok: false; message: string } {
	if (text.length > limits.maxChars)
		return {
			ok: false,
			message: `fichier trop lourd : ${fmt(text.length)} caractères, ${fmt(limits.maxChars)} au plus`
		};
	let depth = 0;
	// One value at the top, then one more per comma: a comma outside strings always separates two values
	// (or two members of an object, each holding one value).
	let values = 1;
	let inString = false;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (inString) {
			if (c === BACKSLASH) i++;
			else if (c === QUOTE) inString = false;
			continue;
		}
		if (c === QUOTE) inString = true;
		else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
			if (++depth > limits.maxDepth)
				return {
					ok: false,
					message: `JSON trop imbriqué : plus de ${limits.maxDepth} niveaux de tableaux ou d’objets (caractère ${fmt(i + 1)})`
				};
		} else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) depth--;
		else if (c === COMMA && ++values > limits.maxValues)
			return {
				ok: false,
				message: `JSON trop volumineux : plus de ${fmt(limits.maxValues)} valeurs (coordonnées comprises) ; simplifiez ou découpez le fichier`
			};
	}
	return { ok: true };
}

/** `JSON.parse` behind the limits; a leading byte-order mark is dropped. */
export function parseJsonWithLimits(text: string, limits: JsonLimits): JsonReadResult {
	const body = text.startsWith('\ufeff') ? text.slice(1) : text;
	const checked = checkJsonLimits(body, limits);
	if (!checked.ok) return { ok: false, reason: 'limit', message: checked.message };
	try {
		return { ok: true, value: JSON.parse(body) };
	} catch (e) {
		return { ok: false, reason: 'syntax', message: `JSON illisible (${(e as Error).message})` };
	}
}

/**
 * Records imported as GeoJSON: points and flat properties. Depth 3 is the collection, a feature, its
 * properties; a Point adds two, a property flattened to dotted names up to three more; the margin leaves room
 * for JSON values kept in a cell. Values: 50,000 features of a few dozen properties.
 */
export const RECORD_GEOJSON_LIMITS: JsonLimits = {
	maxChars: 20 * 1024 * 1024,
	maxDepth: 24,
	maxValues: 2_000_000
};

/**
 * Boundary files: a MultiPolygon's coordinates sit at depth 8 (collection, features, feature, geometry,
 * coordinates, polygon, ring, position). Four million values is some 60 MB of coordinates: room for a
 * metropolitan area's outlines at full precision, not for a whole country's.
 */
export const BOUNDARY_GEOJSON_LIMITS: JsonLimits = {
	maxChars: 100 * 1024 * 1024,
	maxDepth: 16,
	maxValues: 4_000_000
};
