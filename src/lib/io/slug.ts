/** Slugs are the domain's ($lib/domain/slug.ts); re-exported for the io modules that import them from here. */
export { slugify } from '$lib/domain/slug';
