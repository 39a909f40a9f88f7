/**
 * The record form hydrates (the workspace does not otherwise, src/routes/admin/+layout.server.ts) for one
 * thing: the map to place a point by dragging a marker. Everything else is a plain form post, and the form
 * gives its values as defaults, so hydration never resets what was typed while the page loaded.
 */
export const csr = true;
