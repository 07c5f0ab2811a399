import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ChatPlatform } from '../src/core/ports.ts';

/** A route an adapter serves on heed's one HTTP listener (PORT). `path` is exact, or a prefix ending in `/*`. */
export interface HttpRoute {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  handler: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
}

/** What every platform adapter (Slack, Discord, web playground) offers the composition root. */
export interface PlatformAdapter extends ChatPlatform {
  /** Connects to the platform (Socket Mode, gateway, command registration …). */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Routes served on the shared HTTP listener (e.g. `/slack/events`); empty when none. */
  routes(): HttpRoute[];
}
