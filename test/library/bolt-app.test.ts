import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type App, LogLevel } from '@slack/bolt';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error the example is plain JavaScript (no declarations): exactly what a team writes.
import { startBot } from '../../examples/bolt-app/app.js';
import type { Heed } from '../../src/index.ts';
import { storeOnNamedDb, testMongoUri } from '../helpers/db.ts';
import { FakeSlack } from '../helpers/fake-slack.ts';
import { BOT_TOKEN, MODS } from '../helpers/slack-harness.ts';
import {
  appMention,
  buttonClick,
  eventCallback,
  feedbackClick,
  interactionIdOf,
  modalState,
  reviewIdOf,
  submitOpenedModal,
  textOf,
  user,
  viewSubmission,
} from '../helpers/slack-payloads.ts';
import { SlackHttpClient, TEST_SIGNING_SECRET } from '../helpers/slack-signer.ts';

const fake = await new FakeSlack().start();
fake.members = ['UMOD'];
const dbName = `lib_bolt_${randomBytes(4).toString('hex')}`;
const bot = (await startBot(
  {
    MONGODB_URI: testMongoUri(),
    MONGODB_DB: dbName,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_MODERATORS_CHANNEL: MODS,
    LOG_LEVEL: 'silent',
    PORT: '0',
  },
  {
    clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
    processBeforeResponse: true,
    logLevel: LogLevel.ERROR,
  },
)) as { app: App; heed: Heed; server: { address(): AddressInfo }; stop(): Promise<void> };
await storeOnNamedDb(dbName); // dropped after the file
const slack = new SlackHttpClient(`http://127.0.0.1:${bot.server.address().port}/slack/events`);

// The team's own modal and shortcut, added next to heed's handlers like any other listener.
bot.app.view('team_feedback_form', async ({ ack }) => {
  await ack({ response_action: 'errors', errors: { team_field: 'Team validation ran' } });
});
const shortcuts: string[] = [];
bot.app.shortcut('team_shortcut', async ({ ack, body }) => {
  await ack();
  shortcuts.push(body.user.id);
});

afterAll(async () => {
  await bot.stop();
  await fake.close();
});

async function mention(u: string, question: string) {
  const event = appMention({ user: u, text: `<@UBOT> ${question}` });
  expect((await slack.event(eventCallback(event))).status).toBe(200);
  const posted = fake.callsTo('chat.postMessage').at(-1)!;
  return { threadTs: event.ts, posted, interactionId: interactionIdOf(posted) };
}

describe('examples/bolt-app: a plain Bolt app with heed.slack.register', () => {
  const question = 'How do I rotate the API keys?';
  const corrected = 'Settings → API → Rotate keys (owners only); old keys stop working after 24 hours.';
  let first: Awaited<ReturnType<typeof mention>>;

  it('answers with the agent’s text and heed’s controls, in the thread, recorded as external', async () => {
    first = await mention('U1', question);
    expect(first.posted.args).toMatchObject({ channel: 'CGENERAL', thread_ts: first.threadTs });
    expect(textOf(first.posted)).toContain('My best guess about');
    expect(textOf(first.posted)).toContain('heed_correct');
    const stored = await bot.heed.core.getInteraction(first.interactionId);
    expect(stored).toMatchObject({
      question,
      answerer: 'external',
      ref: { platform: 'slack', userId: 'U1' },
    });
    expect(stored.ref).toMatchObject({ channelId: 'CGENERAL', threadId: first.threadTs });
    expect(stored.ref.messageId).toMatch(/^\d+\.\d+$/);
  });

  it('three 👎 raise one review root in the moderators channel', async () => {
    for (const u of ['U1', 'U2', 'U3'])
      expect(
        (
          await slack.interactive(
            feedbackClick({ user: user(u), threadTs: first.threadTs }, `down:${first.interactionId}`),
          )
        ).status,
      ).toBe(200);
    const roots = fake
      .callsTo('chat.postMessage')
      .filter((c) => c.args.channel === MODS && !c.args.thread_ts);
    expect(roots).toHaveLength(1);
    expect(textOf(roots[0]!)).toContain(question);
  });

  it('a moderator applies a correction; the team’s answerer sees it through heed.knowledge.search', async () => {
    const root = fake.callsTo('chat.postMessage').find((c) => c.args.channel === MODS && !c.args.thread_ts)!;
    await slack.interactive(
      buttonClick({ user: user('UMOD', 'mo'), channel: MODS }, 'heed_review_apply', reviewIdOf(root)),
    );
    const modal = fake.callsTo('views.open').at(-1)!;
    await slack.interactive(
      submitOpenedModal(modal, user('UMOD', 'mo'), modalState({ heed_text: corrected })),
    );

    const hits = await bot.heed.knowledge.search(question);
    expect(hits[0]).toMatchObject({ answer: corrected, match: 'pattern', version: 1, source: 'correction' });
    const again = await mention('U4', question);
    expect(textOf(again.posted)).toContain('Rotate keys (owners only)');
    // The answer names the knowledge version it used, as heed's own answers do.
    expect((await bot.heed.core.getInteraction(again.interactionId)).sources).toEqual([
      { knowledgeId: hits[0]!.id, version: 1, title: hits[0]!.question },
    ]);
  });

  it('a moderator updates the instructions; the team’s answerer reads them via heed.instructions.current', async () => {
    expect(await bot.heed.instructions.current()).toBeNull();
    const q = 'Can I expense a taxi to the airport?';
    const a = await mention('U1', q);
    for (const u of ['U1', 'U2', 'U3'])
      await slack.interactive(
        feedbackClick({ user: user(u), threadTs: a.threadTs }, `down:${a.interactionId}`),
      );
    const root = fake
      .callsTo('chat.postMessage')
      .filter((c) => c.args.channel === MODS && !c.args.thread_ts)
      .at(-1)!;
    expect(textOf(root)).toContain(q);
    await slack.interactive(
      buttonClick({ user: user('UMOD', 'mo'), channel: MODS }, 'heed_review_instructions', reviewIdOf(root)),
    );
    const modal = fake.callsTo('views.open').at(-1)!;
    await slack.interactive(
      submitOpenedModal(modal, user('UMOD', 'mo'), modalState({ heed_part_0: 'Answer in one sentence.' })),
    );
    expect(await bot.heed.instructions.current()).toMatchObject({
      version: 1,
      text: 'Answer in one sentence.',
    });
  });

  it('the team’s own button, modal and shortcut still reach the team’s handlers', async () => {
    const before = fake.callsTo('chat.postMessage').length;
    const click = await slack.interactive(buttonClick({ user: user('U5') }, 'team_refresh', 'x'));
    expect(click.status).toBe(200);
    const after = fake.callsTo('chat.postMessage').slice(before);
    expect(after.map((c) => c.args.text)).toEqual(['Refreshed.']);

    const submit = await slack.interactive(
      viewSubmission({
        user: user('U5'),
        callbackId: 'team_feedback_form',
        privateMetadata: '',
        state: modalState({}),
      }),
    );
    // Only the team's ack answered Slack: heed registered no catch-all on the team's app.
    expect(submit.json()).toEqual({
      response_action: 'errors',
      errors: { team_field: 'Team validation ran' },
    });

    const shortcut = await slack.interactive({
      type: 'shortcut',
      callback_id: 'team_shortcut',
      trigger_id: '1.trigger',
      user: { id: 'U6', username: 'u6', team_id: 'T1' },
      team: { id: 'T1', domain: 'team' },
      token: 'verification-token',
      action_ts: '1700000000.1',
    });
    expect(shortcut.status).toBe(200);
    expect(shortcuts).toEqual(['U6']);
  });

  it('heed.slack.controls gives the same blocks for a message the team posts itself', async () => {
    const recorded = await bot.heed.recordInteraction({
      platform: 'slack',
      userId: 'U7',
      channelId: 'CGENERAL',
      question: 'Where is the status page?',
      answer: 'status.example.com',
    });
    const blocks = bot.heed.slack.controls(recorded.id);
    expect(JSON.stringify(blocks)).toContain(`down:${recorded.id}`);
    expect(() => bot.heed.slack.controls('not-an-id')).toThrow(/interaction id/);
  });
});
