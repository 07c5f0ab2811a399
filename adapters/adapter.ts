import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FeedbackCore } from '../src/core/feedback-core.ts';
import type { ChatPlatform, Logger } from '../src/core/ports.ts';
import type { Platform, ThreadRef } from '../src/core/types.ts';
import type { Digest, FeedbackItemView, ReviewView } from '../src/core/views.ts';

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

/** What an adapter's outbound.ts implements: the ChatPlatform methods, following its error contract. */
export type Outbound = Omit<ChatPlatform, 'platform'>;

/**
 * An adapter whose ChatPlatform methods are its outbound.ts, passed through unchanged (errors included:
 * the core's PlatformHub logs them); a subclass adds its connection (start/stop) and its routes.
 */
export abstract class OutboundAdapter implements PlatformAdapter {
  abstract readonly platform: Platform;
  protected abstract readonly outbound: Outbound;
  abstract start(): Promise<void>;
  abstract stop(): Promise<void>;
  abstract routes(): HttpRoute[];

  postReview(view: ReviewView): Promise<ThreadRef | null> {
    return this.outbound.postReview(view);
  }
  appendToReview(thread: ThreadRef, item: FeedbackItemView): Promise<void> {
    return this.outbound.appendToReview(thread, item);
  }
  refreshReview(thread: ThreadRef, view: ReviewView): Promise<void> {
    return this.outbound.refreshReview(thread, view);
  }
  markResolved(thread: ThreadRef, view: ReviewView): Promise<void> {
    return this.outbound.markResolved(thread, view);
  }
  digestChannels(): string[] {
    return this.outbound.digestChannels();
  }
  postDigest(digest: Digest, channelId: string): Promise<void> {
    return this.outbound.postDigest(digest, channelId);
  }
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
