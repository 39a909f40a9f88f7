/**
 * Adaptive resolution for software WebGL (remote desktops, virtual machines, headless browsers): there the
 * CPU fills every pixel of every frame, about 40 ms for an 850 × 700 map on the benchmark machine whatever
 * is drawn, against 5 ms at 200 × 200. While the map loads or moves it is drawn at half the screen's
 * resolution (a quarter of the pixels) and once it is idle it is drawn again at full resolution, so it
 * moves smoothly and reads sharply at rest. With a GPU nothing changes.
 */
import type { Map as MaplibreMap } from 'maplibre-gl';

/** Resolution while moving, relative to the screen's. */
export const MOVING_SCALE = 0.5;

export interface Resolution {
	/** The pixel ratio to create the map with (undefined: the screen's). */
	readonly initial: number | undefined;
	/** Starts switching between the two resolutions. */
	attach(map: MaplibreMap): void;
	/** Resolves at the next 'idle' drawn at full resolution. */
	settled(map: MaplibreMap): Promise<void>;
}

export function adaptiveResolution(software: boolean, screenRatio: number): Resolution {
	const rest = screenRatio;
	const moving = screenRatio * MOVING_SCALE;
	/** True between a switch back to full resolution and the next 'idle' (the frame drawn sharp). */
	let sharpening = false;
	let switching = false;
	const set = (map: MaplibreMap, ratio: number) => {
		if (map.getPixelRatio() === ratio) return false;
		// setPixelRatio() fires movestart/moveend when the map is still: not a move of ours to react to.
		switching = true;
		try {
			map.setPixelRatio(ratio);
		} finally {
			switching = false;
		}
		return true;
	};
	return {
		initial: software ? moving : undefined,
		attach(map) {
			if (!software) return;
			map.on('movestart', () => {
				if (!switching) set(map, moving);
			});
			// Registered before any other 'idle' listener of the engine, so it runs first.
			map.on('idle', () => {
				sharpening = set(map, rest);
			});
		},
		settled(map) {
			return new Promise<void>((resolve) => {
				const check = () => {
					if (sharpening) return;
					map.off('idle', check);
					resolve();
				};
				map.on('idle', check);
				map.triggerRepaint();
			});
		}
	};
}
