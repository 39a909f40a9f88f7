let cached: { available: boolean; software: boolean } | undefined;

/** Renderers that draw WebGL on the CPU (Chromium's SwiftShader, Mesa's llvmpipe, Windows' basic driver). */
const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|basic render/i;

function probe(): { available: boolean; software: boolean } {
	if (cached) return cached;
	try {
		const canvas = document.createElement('canvas');
		const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
		let renderer = '';
		if (gl) {
			const info = gl.getExtension('WEBGL_debug_renderer_info');
			renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
		}
		gl?.getExtension('WEBGL_lose_context')?.loseContext();
		cached = { available: !!gl, software: SOFTWARE_RENDERER.test(renderer) };
	} catch {
		cached = { available: false, software: false };
	}
	return cached;
}

/**
 * True when this browser can give MapLibre a WebGL context (remote desktops and old machines often cannot).
 * Creating a context costs tens of milliseconds with software rendering: asked once, and released at once.
 */
export function hasWebGL(): boolean {
	return probe().available;
}

/**
 * True when WebGL is drawn on the CPU (remote desktops, virtual machines, headless browsers). Each frame
 * then costs in proportion to the canvas's pixels, about 40 ms for an 850 × 700 map on the benchmark
 * machine, against 5 ms at 200 × 200 (npm run bench:map).
 */
export function softwareWebGL(): boolean {
	return probe().software;
}
