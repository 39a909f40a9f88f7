import { describe, expect, it } from 'vitest';
import type { Map as MaplibreMap } from 'maplibre-gl';
import { adaptiveResolution, MOVING_SCALE } from './resolution';

/** Just enough of MapLibre: events, and setPixelRatio firing movestart/moveend as Map.resize() does. */
class FakeMap {
	ratio = 1;
	listeners = new Map<string, ((...a: unknown[]) => void)[]>();
	repaints = 0;
	on(type: string, f: () => void) {
		this.listeners.set(type, [...(this.listeners.get(type) ?? []), f]);
	}
	off(type: string, f: () => void) {
		this.listeners.set(
			type,
			(this.listeners.get(type) ?? []).filter((g) => g !== f)
		);
	}
	fire(type: string) {
		for (const f of [...(this.listeners.get(type) ?? [])]) f();
	}
	getPixelRatio() {
		return this.ratio;
	}
	setPixelRatio(r: number) {
		this.ratio = r;
		this.fire('movestart');
		this.fire('moveend');
	}
	triggerRepaint() {
		this.repaints++;
	}
}
const asMap = (m: FakeMap) => m as unknown as MaplibreMap;

describe('adaptive resolution', () => {
	it('with a GPU, leaves the resolution alone', async () => {
		const map = new FakeMap();
		const r = adaptiveResolution(false, 2);
		expect(r.initial).toBeUndefined();
		r.attach(asMap(map));
		map.ratio = 2;
		map.fire('movestart');
		expect(map.ratio).toBe(2);
		const settled = r.settled(asMap(map));
		map.fire('idle');
		await expect(settled).resolves.toBeUndefined();
	});

	it('with software WebGL, draws at low resolution while moving and sharp once idle', async () => {
		const map = new FakeMap();
		const r = adaptiveResolution(true, 2);
		expect(r.initial).toBe(2 * MOVING_SCALE);
		map.ratio = r.initial!;
		r.attach(asMap(map));

		let settled = false;
		void r.settled(asMap(map)).then(() => (settled = true));
		map.fire('idle'); // loaded at low resolution: switch to full, not yet settled
		expect(map.ratio).toBe(2);
		await Promise.resolve();
		expect(settled).toBe(false);
		map.fire('idle'); // the sharp frame is drawn
		await Promise.resolve();
		expect(settled).toBe(true);

		map.fire('movestart');
		expect(map.ratio).toBe(1);
		map.fire('idle');
		expect(map.ratio).toBe(2);
	});

	it('does not take its own switch back to full resolution for a move', () => {
		const map = new FakeMap();
		const r = adaptiveResolution(true, 1);
		map.ratio = r.initial!;
		r.attach(asMap(map));
		map.fire('idle'); // setPixelRatio fires movestart: the map must stay sharp
		expect(map.ratio).toBe(1);
	});
});
