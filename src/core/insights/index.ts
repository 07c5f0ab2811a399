export { buildDigest } from './build-digest.ts';

export { computeInsights } from './compute-insights.ts';

export { periodEndingAt } from './period.ts';

export type * from './types.ts';
