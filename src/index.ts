/** heed as a library: `import { createHeed } from 'heed'` (see the README, "Use heed with your own bot"). */
export { HeedError, type HeedErrorCode } from './core/errors.ts';
export type { Logger } from './core/ports.ts';
export type { Interaction, Platform, SourceRef } from './core/types.ts';
export { createHeed, type Heed, type HeedDigest, type InteractionInput } from './library/create-heed.ts';
export type {
  DiscordAnswerInput,
  DiscordAnswerPosted,
  DiscordComponents,
  HeedDiscord,
} from './library/discord-binding.ts';
export type {
  CurrentInstructions,
  HeedInstructions,
  HeedKnowledge,
} from './library/knowledge.ts';
export type { HeedOptions } from './library/options.ts';
export type { HeedSlack, SlackAnswerInput, SlackAnswerPosted, SlackBlocks } from './library/slack-binding.ts';
export type { AnswerSource, KnowledgeHit } from './library/sources.ts';
export type { PostResult } from './scheduler/index.ts';
