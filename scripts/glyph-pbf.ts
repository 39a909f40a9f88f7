/**
 * The glyph PBF format MapLibre reads for text (mapbox/glyph-pbf-composite, fontnik):
 *   glyphs   { repeated fontstack stacks = 1; }
 *   fontstack{ string name = 1; string range = 2; repeated glyph glyphs = 3; }
 *   glyph    { uint32 id = 1; bytes bitmap = 2; uint32 width = 3; uint32 height = 4;
 *              sint32 left = 5; sint32 top = 6; uint32 advance = 7; }
 * `bitmap` is a signed-distance field of (width + 6) × (height + 6) bytes (a 3 px buffer), drawn at 24 px.
 * A tiny protobuf writer is enough: three message types, two wire types.
 */
export interface Glyph {
	id: number;
	bitmap?: Uint8Array;
	width: number;
	height: number;
	left: number;
	top: number;
	advance: number;
}

class Writer {
	bytes: number[] = [];
	varint(v: number) {
		let n = v >>> 0;
		while (n > 0x7f) {
			this.bytes.push((n & 0x7f) | 0x80);
			n >>>= 7;
		}
		this.bytes.push(n);
	}
	tag(field: number, wire: 0 | 2) {
		this.varint((field << 3) | wire);
	}
	uint(field: number, v: number) {
		this.tag(field, 0);
		this.varint(v);
	}
	sint(field: number, v: number) {
		this.tag(field, 0);
		this.varint((v << 1) ^ (v >> 31)); // zig-zag
	}
	raw(field: number, data: ArrayLike<number>) {
		this.tag(field, 2);
		this.varint(data.length);
		for (let i = 0; i < data.length; i++) this.bytes.push(data[i]);
	}
	string(field: number, s: string) {
		this.raw(field, new TextEncoder().encode(s));
	}
}

export function encodeGlyphRange(fontstack: string, range: string, glyphs: readonly Glyph[]): Uint8Array {
	const stack = new Writer();
	stack.string(1, fontstack);
	stack.string(2, range);
	for (const g of glyphs) {
		const w = new Writer();
		w.uint(1, g.id);
		if (g.bitmap && g.bitmap.length) w.raw(2, g.bitmap);
		w.uint(3, g.width);
		w.uint(4, g.height);
		w.sint(5, g.left);
		w.sint(6, g.top);
		w.uint(7, g.advance);
		stack.raw(3, w.bytes);
	}
	const top = new Writer();
	top.raw(1, stack.bytes);
	return Uint8Array.from(top.bytes);
}

/** Reads the format back (tests, and a sanity check of the committed files). */
export function decodeGlyphRange(data: Uint8Array): { name: string; range: string; glyphs: Glyph[] }[] {
	let pos = 0;
	const varint = (end: number) => {
		let result = 0;
		let shift = 0;
		while (pos < end) {
			const b = data[pos++];
			result += (b & 0x7f) * 2 ** shift;
			if (b < 0x80) return result;
			shift += 7;
		}
		throw new Error('varint tronqué');
	};
	function fields(
		end: number,
		visit: (field: number, wire: number, start: number, len: number, value: number) => void
	) {
		while (pos < end) {
			const key = varint(end);
			const field = key >>> 3;
			const wire = key & 7;
			if (wire === 0) visit(field, wire, pos, 0, varint(end));
			else if (wire === 2) {
				const len = varint(end);
				const start = pos;
				visit(field, wire, start, len, 0);
				pos = start + len;
			} else throw new Error(`type de champ ${wire} inattendu`);
		}
	}
	const text = (start: number, len: number) => new TextDecoder().decode(data.subarray(start, start + len));
	const stacks: { name: string; range: string; glyphs: Glyph[] }[] = [];
	fields(data.length, (field, _wire, start, len) => {
		if (field !== 1) return;
		const stack = { name: '', range: '', glyphs: [] as Glyph[] };
		fields(start + len, (f, _w, s, l, v) => {
			if (f === 1) stack.name = text(s, l);
			else if (f === 2) stack.range = text(s, l);
			else if (f === 3) {
				const g: Glyph = { id: 0, width: 0, height: 0, left: 0, top: 0, advance: 0 };
				fields(s + l, (gf, _gw, gs, gl, gv) => {
					const zz = (n: number) => (n >>> 1) ^ -(n & 1);
					if (gf === 1) g.id = gv;
					else if (gf === 2) g.bitmap = data.slice(gs, gs + gl);
					else if (gf === 3) g.width = gv;
					else if (gf === 4) g.height = gv;
					else if (gf === 5) g.left = zz(gv);
					else if (gf === 6) g.top = zz(gv);
					else if (gf === 7) g.advance = gv;
				});
				stack.glyphs.push(g);
			}
			void v;
		});
		stacks.push(stack);
	});
	return stacks;
}
