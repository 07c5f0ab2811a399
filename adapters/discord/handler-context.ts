import type { DiscordConfig } from '../../src/config.ts';
import type { FeedbackCore } from '../../src/core/feedback-core.ts';
import type { Logger } from '../../src/core/ports.ts';

/** What every interaction handler works with. */
export interface HandlerContext {
  core: FeedbackCore;
  config: DiscordConfig;
  logger: Logger;
}
