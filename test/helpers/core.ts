import { FeedbackCore } from '../../src/core/feedback-core.ts';
import type { Answerer, FeedbackStore, Metrics } from '../../src/core/ports.ts';
import type { ReviewPolicyConfig } from '../../src/core/review-policy.ts';
import type { ConversationRef } from '../../src/core/types.ts';
import { fixedAnswerer, ManualClock, memoryLogger } from './fakes.ts';
import { RecordingPlatform } from './recording-platform.ts';

/** A real core over the real store with a recording platform and a hand-driven clock. */
export function makeCore(
  store: FeedbackStore,
  opts: {
    answerer?: Answerer;
    policy?: ReviewPolicyConfig;
    metrics?: Metrics;
    reviewRefreshMs?: number;
  } = {},
) {
  const clock = new ManualClock();
  const logger = memoryLogger();
  const core = new FeedbackCore({
    store,
    answerer: opts.answerer ?? fixedAnswerer(),
    clock,
    logger,
    policy: opts.policy,
    metrics: opts.metrics,
    // Every root refresh inline unless a test is about the throttle: nothing writes behind a test's back.
    reviewRefreshMs: opts.reviewRefreshMs ?? 0,
  });
  const platform = new RecordingPlatform('slack');
  core.attachPlatform(platform);
  return { core, clock, logger, platform };
}

export const asker = (userId = 'U-ASK'): ConversationRef => ({ platform: 'slack', userId, channelId: 'C1' });
