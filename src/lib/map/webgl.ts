let cached: boolean | undefined;

/**
 * True when this browser can give MapLibre a WebGL context (remote desktops and old machines often cannot).
 * Creating a context costs tens of milliseconds with software rendering: asked once, and released at once.
 */
export function hasWebGL(): boolean {
	if (cached !== undefined) return cached;
	try {
		const canvas = document.createElement('canvas');
		const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
		gl?.getExtension('WEBGL_lose_context')?.loseContext();
		cached = !!gl;
	} catch {
		cached = false;
	}
	return cached;
}
