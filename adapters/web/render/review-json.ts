import { outcomeOrStatus } from '../../../src/core/presentation/index.ts';
import { summarizeFeedback } from '../../../src/core/review-view.ts';
import type { ReviewView } from '../../../src/core/views.ts';

type Related = ReviewView['related'][number] & { summary: string };
type ReviewJson = Omit<ReviewView, 'related'> & { outcome?: string; related: Related[] };

/**
 * A review as the page shows it: the core's view plus one readable line per related feedback, and for
 * a closed review its outcome sentence (the status alone when the resolution was never recorded).
 */
export function reviewJson(view: ReviewView): ReviewJson {
  const closed = view.review.status !== 'open';
  return {
    ...view,
    ...(closed ? { outcome: view.outcome ?? outcomeOrStatus(view.review) } : {}),
    related: view.related.map((f) => ({ ...f, summary: summarizeFeedback(f) })),
  };
}
