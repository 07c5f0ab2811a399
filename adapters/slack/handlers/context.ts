import type { webApi } from '@slack/bolt';
import type { SlackConfig } from '../../../src/config.ts';
import type { AdapterContext } from '../../adapter.ts';

export type Client = webApi.WebClient;

/**
 * What every Slack handler gets; moderators are looked up by Slack user id, and `platform` carries
 * heed's Slack settings and the client it posts with.
 */
export type SlackContext = AdapterContext<{ config: SlackConfig; client: Client }, string>;
