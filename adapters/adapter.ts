import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FeedbackCore } from '../src/core/feedback-core.ts';
import type { ChatPlatform, Logger } from '../src/core/ports.ts';

/**
 * A route an adapter serves on heed's one HTTP listener (PORT), matched by its one router
 * (src/http/http-server.ts). `path` is exact, may name segments (`/api/reviews/:id`), or is a prefix
 * ending in `/*`; without `method` it answers every method.
 */
export interface HttpRoute {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  handler: (req: IncomingMessage, res: ServerResponse, match: RouteMatch) => void | Promise<void>;
}

/** What the router found for a request. */
export interface RouteMatch {
  /** Named segments (and `*`) exactly as sent, still percent-encoded: the adapter's ids codec decodes them. */
  params: Readonly<Record<string, string | undefined>>;
  /** Other methods a route (not a `/*` catch-all) serves at this path: for a catch-all's 405. */
  otherMethods(): string[];
}

/** What every platform adapter (Slack, Discord, web playground) offers the composition root. */
export interface PlatformAdapter extends ChatPlatform {
  /** Connects to the platform (Socket Mode, gateway, command registration …). */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Routes served on the shared HTTP listener (e.g. `/slack/events`); empty when none. */
  routes(): HttpRoute[];
}

/**
 * Platform facts about who may moderate, taken from an inbound event of the platform (a Slack user
 * id, a Discord interaction, an HTTP request). The core enforces the answer; this only states it.
 */
export interface ModeratorCheck<Event> {
  isModerator(event: Event): boolean | Promise<boolean>;
}

/**
 * The one bag every adapter's inbound handlers get. Handlers reach heed only through `core`; the
 * platform's own settings and clients travel in `platform`.
 */
export interface AdapterContext<Platform, Event> {
  core: FeedbackCore;
  logger: Logger;
  moderators: ModeratorCheck<Event>;
  platform: Platform;
}
