/**
 * Benchmark and test hooks, kept off `MapEngine`: `npm run bench:map` drives the map with them and the map's
 * browser tests read what is drawn (`window.__cartoBench`). An engine hands them over only when its options
 * ask for them, which the page does only when opened with `?bench=1`.
 */
export type BenchStep = { type: 'zoom'; delta: number } | { type: 'pan'; dx: number; dy: number };

export interface RenderedFeature {
	type: 'cluster' | 'point';
	count: number;
	id?: string;
	lon: number;
	lat: number;
	x: number;
	y: number;
}

export interface BenchHooks {
	/** Runs one scripted move and resolves when the map is idle again. */
	step(step: BenchStep): Promise<void>;
	/** What is drawn now, with screen positions in the map's own pixels. */
	features(): RenderedFeature[];
}

/** Whether the page was opened for the benchmark or the browser tests. */
export function benchRequested(search: string): boolean {
	return new URLSearchParams(search).get('bench') === '1';
}
