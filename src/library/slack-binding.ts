import { type App, webApi } from '@slack/bolt';
import type { PlatformAdapter } from '../../adapters/adapter.ts';
import { createSlackAdapter, feedbackControls, postAnswer } from '../../adapters/slack/index.ts';
import { DEFAULT_RETRY } from '../../adapters/slack/transport/bolt-app.ts';
import { IdSchema, parseOrThrow } from '../core/schemas.ts';
import { AttachedBinding } from './attached-binding.ts';
import type { AttachedSlackSettings } from './library-config.ts';
import { type AnswerSource, toSourceRefs } from './sources.ts';

/** Block Kit blocks, as Bolt's `chat.postMessage({ blocks })` takes them. */
export type SlackBlocks = ReturnType<typeof feedbackControls>;

export interface SlackAnswerInput {
  /** The Web API client to post with: the `client` Bolt hands your listener. */
  client: webApi.WebClient;
  channel: string;
  /** Answer in this thread (e.g. the mention's `thread_ts ?? ts`). */
  threadTs?: string;
  /** Who asked. */
  userId: string;
  userName?: string;
  teamId?: string;
  question: string;
  answer: string;
  /** Knowledge the answer used (hits from `heed.knowledge.search`): reviews show their versions. */
  sources?: readonly AnswerSource[];
  /** How reviews name your agent (default "external"). */
  answerer?: string;
  model?: string;
}

export interface SlackAnswerPosted {
  interactionId: string;
  channel: string;
  /** ts of the message that holds heed's controls (the last one when a long answer was split). */
  ts?: string;
}

/**
 * heed on the team's own Bolt App: `register(app)` adds heed's action and view handlers (ids starting
 * `heed_`) to your App — HTTP or Socket Mode — and posts review threads and digests through its client;
 * your own handlers keep their events. Then heed's controls, and answers posted with them.
 */
export class HeedSlack extends AttachedBinding<App, AttachedSlackSettings> {
  protected readonly names = { call: 'heed.slack.register(app)', target: 'App', platform: 'Slack' };

  protected adapterFor(app: App): PlatformAdapter {
    const { botToken } = this.settings;
    // An App built for OAuth installs has no token of its own; heed then posts with slack.botToken.
    const client =
      app.client.token || !botToken
        ? app.client
        : new webApi.WebClient(botToken, {
            slackApiUrl: app.client.slackApiUrl,
            retryConfig: DEFAULT_RETRY,
            rejectRateLimitedCalls: true,
          });
    if (!client.token && (this.settings.moderatorsChannel || this.settings.digestChannel))
      this.logger.warn(
        {},
        'the Slack App has no bot token of its own: pass slack.botToken to createHeed so heed can post reviews and digests',
      );
    return createSlackAdapter({
      config: { ...this.settings, botToken: botToken ?? '' },
      core: this.core,
      logger: this.logger,
      app,
      client,
    });
  }

  /** heed's controls (👍/👎, ✏️, 1–5) for an interaction, to append to a message you post yourself. */
  controls(interactionId: string): SlackBlocks {
    return feedbackControls(parseOrThrow(IdSchema, interactionId, 'interaction id'));
  }

  /** Records your bot's answer and posts it with heed's controls (split like heed's own when long). */
  async recordAnswer(input: SlackAnswerInput): Promise<SlackAnswerPosted> {
    const interaction = await this.core.recordInteraction({
      question: input.question,
      answer: input.answer,
      ref: {
        platform: 'slack',
        userId: input.userId,
        ...(input.userName ? { userName: input.userName } : {}),
        channelId: input.channel,
        ...(input.threadTs ? { threadId: input.threadTs } : {}),
        ...(input.teamId ? { teamId: input.teamId } : {}),
      },
      ...(input.answerer ? { answerer: input.answerer } : {}),
      ...(input.model ? { model: input.model } : {}),
      sources: toSourceRefs(input.sources),
    });
    const ts = await postAnswer({ core: this.core }, input.client, interaction, {
      channel: input.channel,
      threadTs: input.threadTs,
    });
    return { interactionId: interaction.id, channel: input.channel, ...(ts ? { ts } : {}) };
  }
}
