import { WebAdapter, type WebAdapterOptions } from './web-adapter.ts';

export type { PlaygroundEvent } from './event-stream.ts';
export { MAX_BODY_BYTES } from './http-io.ts';
export { isLoopbackHost, MODERATOR_HEADER, type PlaygroundAccess } from './playground-access.ts';
export { WEB_MODERATORS_CHANNEL, WebAdapter, type WebAdapterOptions } from './web-adapter.ts';

/** The local web playground: served on heed's HTTP listener at `/`, its JSON API under `/api/`. */
export function createWebAdapter(opts: WebAdapterOptions): WebAdapter {
  return new WebAdapter(opts);
}
