import type { IncomingMessage } from 'node:http';
import type { Insights } from '../../../src/core/insights/types.ts';
import type { Digest } from '../../../src/core/views.ts';
import type { AdapterContext } from '../../adapter.ts';
import type { EventStream } from '../transport/event-stream.ts';

/** The playground's own part of the context: the open pages' event stream and the optional panes. */
export interface WebPlatform {
  events: EventStream;
  /** Insights for the `days` days before `to` (default now); absent → "not available". */
  insights?: (days: number, to?: Date) => Promise<Insights>;
  /** The weekly digest as it would be posted now; absent → "not available". */
  digestPreview?: () => Promise<Digest>;
}

/** What every playground handler gets; moderators are judged from the HTTP request. */
export type WebContext = AdapterContext<WebPlatform, IncomingMessage>;
