import { constants, inflateSync } from 'node:zlib';

/**
 * Text of each page of a PDF printed by Chromium (Skia): objects are not compressed together, content
 * streams are Flate-compressed, and text is drawn with Type0 fonts whose ToUnicode CMaps map glyph ids
 * (2-byte hex strings in Tj/TJ) back to Unicode. Enough to find words; not a general PDF reader.
 */
export function pdfPageTexts(pdf: Buffer): string[] {
	const src = pdf.toString('latin1');
	const objects = new Map<number, { dict: string; stream?: Buffer }>();
	const header = /(\d+) 0 obj\s*/g;
	let m: RegExpExecArray | null;
	while ((m = header.exec(src))) {
		const start = header.lastIndex;
		const end = src.indexOf('endobj', start);
		const body = src.slice(start, end);
		const s = body.search(/stream\r?\n/);
		let dict = body;
		let stream: Buffer | undefined;
		if (s >= 0) {
			dict = body.slice(0, s);
			const dataStart = s + (body[s + 6] === '\r' ? 8 : 7);
			let raw = Buffer.from(body.slice(dataStart, body.lastIndexOf('endstream')), 'latin1');
			if (dict.includes('/FlateDecode')) raw = inflateSync(raw, { finishFlush: constants.Z_SYNC_FLUSH });
			stream = raw;
		}
		objects.set(Number(m[1]), { dict, stream });
		header.lastIndex = end;
	}
	const utf16 = (hex: string) => {
		let out = '';
		for (let i = 0; i + 4 <= hex.length; i += 4)
			out += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
		return out;
	};
	const cmaps = new Map<number, Map<number, string>>();
	const cmapOf = (fontObj: number) => {
		const known = cmaps.get(fontObj);
		if (known) return known;
		const map = new Map<number, string>();
		const ref = /\/ToUnicode (\d+) 0 R/.exec(objects.get(fontObj)?.dict ?? '');
		const text = ref ? (objects.get(Number(ref[1]))?.stream?.toString('latin1') ?? '') : '';
		for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
			for (const [, code, uni] of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g))
				map.set(parseInt(code, 16), utf16(uni));
		for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
			for (const [, lo, hi, target] of block[1].matchAll(
				/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<[0-9a-fA-F]+>|\[[^\]]*\])/g
			)) {
				const a = parseInt(lo, 16);
				const b = parseInt(hi, 16);
				const list = target.startsWith('[')
					? [...target.matchAll(/<([0-9a-fA-F]+)>/g)].map((x) => utf16(x[1]))
					: [];
				const base = target.startsWith('[') ? 0 : parseInt(target.slice(1, -1), 16);
				for (let c = a; c <= b; c++)
					map.set(c, list.length ? (list[c - a] ?? '') : String.fromCharCode(base + c - a));
			}
		cmaps.set(fontObj, map);
		return map;
	};
	/** A dictionary value: an indirect reference, or the balanced << ... >> written inline. */
	const dictValue = (d: string, key: string): string => {
		const ref = new RegExp(`/${key} (\\d+) 0 R`).exec(d);
		if (ref) return objects.get(Number(ref[1]))?.dict ?? '';
		const at = d.indexOf(`/${key}`);
		const open = at < 0 ? -1 : d.indexOf('<<', at);
		if (open < 0) return '';
		let depth = 0;
		for (let k = open; k < d.length - 1; k++) {
			if (d[k] === '<' && d[k + 1] === '<') {
				depth++;
				k++;
			} else if (d[k] === '>' && d[k + 1] === '>') {
				depth--;
				k++;
				if (depth === 0) return d.slice(open, k + 1);
			}
		}
		return '';
	};
	const pages: string[] = [];
	for (const [, obj] of [...objects].sort((a, b) => a[0] - b[0])) {
		if (!/\/Type \/Page(?!s)\b/.test(obj.dict)) continue;
		const fontDict = dictValue(dictValue(obj.dict, 'Resources'), 'Font');
		const fonts = new Map(
			[...fontDict.matchAll(/\/([^\s/<>]+) (\d+) 0 R/g)].map((f) => [f[1], Number(f[2])])
		);
		const contents = /\/Contents (?:(\d+) 0 R|\[([^\]]*)\])/.exec(obj.dict);
		const ids = contents?.[1]
			? [Number(contents[1])]
			: [...(contents?.[2] ?? '').matchAll(/(\d+) 0 R/g)].map((x) => Number(x[1]));
		let text = '';
		for (const id of ids) {
			const content = objects.get(id)?.stream?.toString('latin1') ?? '';
			let cmap = new Map<number, string>();
			for (const t of content.matchAll(/\/([^\s/[\]<>()]+)\s+[\d.]+\s+Tf|<([0-9a-fA-F]*)>|\b(ET)\b/g)) {
				if (t[1]) cmap = cmapOf(fonts.get(t[1]) ?? -1);
				else if (t[2] !== undefined)
					for (let i = 0; i + 4 <= t[2].length; i += 4)
						text += cmap.get(parseInt(t[2].slice(i, i + 4), 16)) ?? '';
				else text += '\n';
			}
		}
		pages.push(text);
	}
	return pages;
}

/** Comparable text: ligatures unfolded (ﬁ -> fi), whitespace and line breaks removed. */
export const squash = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');
