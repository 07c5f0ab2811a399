import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createHeed } from '../../src/index.ts';
import { libraryConfig } from '../../src/library/library-config.ts';

const messageOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected createHeed to fail');
};

describe('createHeed options: the environment variables of npm start, validated by the same schema', () => {
  it('a bad value names the option and the variable, with the schema’s own message', async () => {
    const env = await messageOf(
      Promise.resolve().then(() => loadConfig({ SLACK_MODERATORS_CHANNEL: 'general' })),
    );
    const lib = await messageOf(createHeed({ env: {}, slack: { moderatorsChannel: 'general' } }));
    expect(lib).toBe(
      env.replace('SLACK_MODERATORS_CHANNEL', 'slack.moderatorsChannel (SLACK_MODERATORS_CHANNEL)'),
    );
    expect(lib).toBe(
      'Invalid configuration: slack.moderatorsChannel (SLACK_MODERATORS_CHANNEL) must be a Slack channel id like C0123ABCD.',
    );
    expect(await messageOf(createHeed({ env: {}, review: { negativeRate: 2 } }))).toMatch(
      /^Invalid configuration: review\.negativeRate \(REVIEW_NEGATIVE_RATE\) /,
    );
    expect(await messageOf(createHeed({ env: {}, digest: { timezone: 'Mars/Olympus' } }))).toBe(
      'Invalid configuration: digest.timezone (DIGEST_TZ) must be an IANA time zone such as UTC or Europe/Berlin.',
    );
  });

  it('an unknown option or a wrong type is refused before anything starts', async () => {
    // @ts-expect-error not an option
    expect(await messageOf(createHeed({ env: {}, slack: { modChannel: 'C1' } }))).toBe(
      'Invalid configuration: unknown option slack.modChannel.',
    );
    // @ts-expect-error not a string
    expect(await messageOf(createHeed({ env: {}, mongodbUri: { host: 'x' } }))).toBe(
      'Invalid configuration: mongodbUri must be a string.',
    );
  });

  it('options win over env; the rest comes from env; the team’s tokens and port play no part', () => {
    const { config, slack, discord, seedDir } = libraryConfig({
      env: {
        MONGODB_DB: 'from_env',
        REVIEW_WINDOW: '20',
        SLACK_MODERATORS_CHANNEL: 'CENV',
        // The team's own app: heed neither needs nor checks these here.
        SLACK_BOT_TOKEN: 'xoxb-team',
        SLACK_SIGNING_SECRET: '',
        DISCORD_TOKEN: 'team',
      },
      slack: { moderatorsChannel: 'COPT', moderatorIds: ['U1', 'U2'] },
      discord: { moderatorRole: '4000000000000000001' },
      review: { minSamples: 5, refreshSeconds: 30 },
    });
    expect(config.mongo.dbName).toBe('from_env');
    expect(config.review).toEqual({ window: 20, negativeRate: 0.3, minSamples: 5 });
    expect(config.reviewRefreshMs).toBe(30_000);
    expect(config.slack).toBeUndefined();
    expect(config.discord).toBeUndefined();
    expect(config.playground).toBe(false);
    expect(slack).toEqual({
      botToken: 'xoxb-team',
      moderatorsChannel: 'COPT',
      digestChannel: undefined,
      moderatorIds: ['U1', 'U2'],
    });
    expect(discord.moderatorRole).toBe('4000000000000000001');
    expect(seedDir).toBeUndefined();
    expect(libraryConfig({ env: {}, knowledgeDir: './kb' }).seedDir).toBe('./kb');
  });
});
