/** Escapes text for the few places a map library wants HTML (attributions, Leaflet labels). */
export function escapeHtml(s: string): string {
	return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
