/**
 * The one presentation layer for platform-neutral texts and numbers: every adapter (and the CLI)
 * formats excerpts, percents, trends, outcomes, thanks and dates through these, then maps the plain
 * strings to its own markup.
 */

export { digestPeriodLabel, localDate, localDateTime, periodLabel, shortDateTime } from './dates.ts';
export { hoursText } from './duration.ts';
export { excerpt, excerptLine, oneLine, quoted } from './excerpt.ts';
export {
  actorName,
  alreadyClosedText,
  type OutcomeStyle,
  outcomeIcon,
  outcomeOrStatus,
  outcomeSentence,
  resolvedConfirmation,
  reviewStatusTitle,
} from './outcome.ts';
export { percent, percentPoints } from './percent.ts';
export { plural } from './plural.ts';
export { byPlatformLine, commonIssueLine, medianToResolve, numberedLines } from './report-lines.ts';
export {
  ASK_WHY,
  correctionThanks,
  type FeedbackResult,
  ratingThanks,
  reasonsThanks,
  voteReply,
} from './thanks.ts';
export { digestRate, digestRateTrend, NO_PREVIOUS, signedPoints, trendArrow, trendVs } from './trend.ts';
