/** True when this browser can give MapLibre a WebGL context (remote desktops and old machines often cannot). */
export function hasWebGL(): boolean {
	try {
		const canvas = document.createElement('canvas');
		return !!(canvas.getContext('webgl2') ?? canvas.getContext('webgl'));
	} catch {
		return false;
	}
}
