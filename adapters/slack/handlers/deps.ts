import type { webApi } from '@slack/bolt';
import type { FeedbackCore } from '../../../src/core/feedback-core.ts';
import type { Logger } from '../../../src/core/ports.ts';
import type { ModeratorDirectory } from '../moderators.ts';

/** What every Slack handler gets: the core, a logger, the moderator check and durable de-duplication. */
export interface HandlerDeps {
  core: FeedbackCore;
  logger: Logger;
  moderators: ModeratorDirectory;
  /** True the first time a delivery key is seen (durable, across restarts and instances). */
  firstDelivery(key: string): Promise<boolean>;
}

export type Client = webApi.WebClient;

/** Reads a string field of an untrusted payload object. */
export function str(obj: unknown, key: string): string | undefined {
  if (typeof obj !== 'object' || obj === null) return undefined;
  const v = (obj as Record<string, unknown>)[key];
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

export function obj(value: unknown, key: string): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = (value as Record<string, unknown>)[key];
  return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : undefined;
}
