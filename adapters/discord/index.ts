import { DiscordAdapter, type DiscordAdapterOptions } from './discord-adapter.ts';

export { DiscordAdapter, type DiscordAdapterOptions } from './discord-adapter.ts';
export { decodeCustomId, encodeCustomId, type HeedCustomId } from './ids.ts';

/** The composition root's entry point: `core.attachPlatform(adapter)`, then `await adapter.start()`. */
export function createDiscordAdapter(opts: DiscordAdapterOptions): DiscordAdapter {
  return new DiscordAdapter(opts);
}
