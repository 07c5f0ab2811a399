import type { webApi } from '@slack/bolt';
import type { SlackConfig } from '../../../src/config.ts';
import type { AdapterContext } from '../../adapter.ts';

export type Client = webApi.WebClient;

/** Slack's own part of the handlers' context: heed's Slack settings and the client it posts with. */
export interface SlackPlatform {
  config: SlackConfig;
  client: Client;
}

/** What every Slack handler gets; moderators are looked up by Slack user id. */
export type SlackContext = AdapterContext<SlackPlatform, string>;
