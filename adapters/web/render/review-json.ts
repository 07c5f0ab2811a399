import { summarizeFeedback } from '../../../src/core/review-view.ts';
import type { ReviewView } from '../../../src/core/views.ts';

/** A review as the page shows it: the core's view plus one readable line per related feedback. */
export function reviewJson(view: ReviewView) {
  return { ...view, related: view.related.map((f) => ({ ...f, summary: summarizeFeedback(f) })) };
}
