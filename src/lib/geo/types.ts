/** The coordinate types every geo helper takes; they are defined in the domain, beside the records. */
export type { Bbox, LonLat } from '$lib/domain/coordinates';
