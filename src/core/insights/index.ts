export { buildDigest, type DigestOptions } from './build-digest.ts';
export { type Clusterer, commonIssues } from './common-issues.ts';
export { computeInsights, type InsightsOptions } from './compute-insights.ts';
export { renderDigestText, trendArrow } from './digest-text.ts';
export { renderInsightsText } from './insights-text.ts';
export {
  DIGEST_PERIOD_DAYS,
  type DigestPeriod,
  periodEndingAt,
  periodKey,
  periodsEndingWith,
  previousRange,
} from './period.ts';
export { sparkline } from './sparkline.ts';
export type * from './types.ts';
export { type LocalTime, localToInstants, localToUtc, shiftLocalDays, zonedParts } from './zoned-time.ts';
