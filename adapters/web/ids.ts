/**
 * The one codec for ids the playground echoes back in URL paths (`/api/reviews/<id>`). The router hands
 * segments over as sent; decoding never throws, a malformed escape is `null` for the handler to refuse.
 * Whether the id is a valid one is the core's to say (it answers 400 or 404).
 */
export const REVIEW_PATH = '/api/reviews/:reviewId';
export const RESOLVE_PATH = `${REVIEW_PATH}/resolve`;

export function reviewPath(reviewId: string): string {
  return `/api/reviews/${encodeURIComponent(reviewId)}`;
}

export function resolvePath(reviewId: string): string {
  return `${reviewPath(reviewId)}/resolve`;
}

/** A path segment as sent → the id it encodes, or null when its percent-escapes are malformed. */
export function decodePathId(segment: string | undefined): string | null {
  if (segment === undefined || segment === '') return null;
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
