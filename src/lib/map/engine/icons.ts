import { MAP_LAYERS, shapePath, type MapLayer } from '$lib/domain/map/layers';

export const ICON_PIXEL_RATIO = 2;
const SIZE = 24;

/**
 * Draws a layer's marker (shape, colour; hollow and dashed when approximate) into RGBA pixels with the
 * same path as the SVG legend, so the map and the legend cannot disagree.
 */
export function drawIcon(
	l: MapLayer,
	approximate: boolean
): { width: number; height: number; data: Uint8Array } {
	const px = SIZE * ICON_PIXEL_RATIO;
	const canvas = document.createElement('canvas');
	canvas.width = canvas.height = px;
	const ctx = canvas.getContext('2d')!;
	ctx.scale(px / 24, px / 24);
	ctx.translate(2, 2); // the SVG viewBox is -2 -2 24 24
	const path = new Path2D(shapePath(l.shape));
	ctx.lineJoin = 'round';
	if (approximate) {
		ctx.fillStyle = '#ffffff';
		ctx.fill(path);
		ctx.setLineDash([3, 2]);
		ctx.lineWidth = 2.5;
		ctx.strokeStyle = l.colour;
		ctx.stroke(path);
		ctx.setLineDash([]);
		ctx.beginPath();
		ctx.arc(10, l.shape === 'triangle' ? 11.5 : 10, 2, 0, Math.PI * 2);
		ctx.fillStyle = l.colour;
		ctx.fill();
	} else {
		ctx.fillStyle = l.colour;
		ctx.fill(path);
		ctx.lineWidth = 2;
		ctx.strokeStyle = '#ffffff';
		ctx.stroke(path);
	}
	const image = ctx.getImageData(0, 0, px, px);
	return { width: px, height: px, data: new Uint8Array(image.data.buffer) };
}

/** Every icon name the point layers use: `<layer key>-e` (exact) and `<layer key>-a` (approximate). */
export function allIcons(): { name: string; image: ReturnType<typeof drawIcon> }[] {
	return MAP_LAYERS.flatMap((l) => [
		{ name: `${l.key}-e`, image: drawIcon(l, false) },
		{ name: `${l.key}-a`, image: drawIcon(l, true) }
	]);
}
