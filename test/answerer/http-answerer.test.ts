import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import {
  AGENT_MALFORMED,
  AGENT_UNAVAILABLE,
  createAnswerer,
  HTTP_ANSWERER,
} from '../../src/answerer/index.ts';
import { backoffDelay } from '../../src/answerer/retry.ts';
import { loadConfig } from '../../src/config.ts';
import type { ConversationRef } from '../../src/core/types.ts';
import { makeCore } from '../helpers/core.ts';
import { openTestStore } from '../helpers/db.ts';
import { AGENT_SECRET, agentAnswer, startFakeAgent } from '../helpers/fake-agent.ts';
import { memoryLogger } from '../helpers/fakes.ts';

const store = await openTestStore('agent');
const agent = await startFakeAgent();
afterAll(() => agent.close());
const logger = memoryLogger();
const env = {
  HEED_ANSWER_URL: `${agent.url}?token=query-secret-do-not-log`,
  HEED_ANSWER_SECRET: AGENT_SECRET,
  HEED_ANSWER_TIMEOUT_MS: '400',
  // Configured too, but the team's agent wins.
  OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
};
// Retry-After is honoured up to maxDelayMs: 2 s lets the 429 case show the agent's 1 s.
const answerer = createAnswerer({
  config: loadConfig(env),
  store,
  logger,
  retry: { baseDelayMs: 5, maxDelayMs: 2000 },
});
const { core } = makeCore(store, { answerer });
const asker = (threadId?: string): ConversationRef => ({
  platform: 'slack',
  userId: 'U-ASK',
  userName: 'ana',
  channelId: 'C-HELP',
  ...(threadId ? { threadId } : {}),
});

beforeEach(() => {
  agent.calls.length = 0;
});

describe('HTTP answerer: the team’s agent behind heed', () => {
  it('is chosen over the LLM when HEED_ANSWER_URL is set, and describes itself without secrets', () => {
    expect(answerer.describe()).toContain(agent.url);
    expect(answerer.describe()).not.toContain('query-secret');
    expect(answerer.describe()).not.toContain(AGENT_SECRET);
  });

  it('sends the signed contract: question, user, conversation, current instructions, knowledge with scores', async () => {
    await store.instructions.add('Be brief.', undefined, undefined, new Date());
    await store.instructions.add('Be brief and friendly.', undefined, undefined, new Date());
    const key = await core.patternKey('How do I book a meeting room?');
    const entry = await store.knowledge.seed(
      { patternKey: key, question: 'How do I book a meeting room?', answer: 'Use the Rooms app.' },
      new Date(),
    );
    agent.reply(
      agentAnswer('Open the Rooms app and pick a slot.', [{ title: 'Rooms', url: 'https://rooms.test/' }]),
    );

    const i = await core.answer('How do I book a meeting room?', asker());

    expect(agent.calls).toHaveLength(1);
    const call = agent.calls[0]!;
    expect(call.verified).toBe(true);
    expect(call.headers['content-type']).toBe('application/json');
    expect(call.headers['x-heed-signature']).toMatch(/^v0=[0-9a-f]{64}$/);
    expect(call.body).toEqual({
      question: 'How do I book a meeting room?',
      history: [],
      user: { platform: 'slack', id: 'U-ASK', name: 'ana' },
      conversation: { platform: 'slack', channelId: 'C-HELP' },
      instructions: { version: 2, text: 'Be brief and friendly.' },
      knowledge: [
        {
          id: entry.id,
          version: 1,
          question: 'How do I book a meeting room?',
          answer: 'Use the Rooms app.',
          score: 1,
        },
      ],
    });
    expect(i).toMatchObject({
      answer: 'Open the Rooms app and pick a slot.\n\nSources:\n• Rooms (https://rooms.test/)',
      answerer: HTTP_ANSWERER,
      failed: false,
      sources: [{ knowledgeId: entry.id, version: 1 }],
    });
  });

  it('is refused by the agent when signed with another secret (the check can fail)', async () => {
    const wrong = createAnswerer({
      config: loadConfig({ ...env, HEED_ANSWER_SECRET: 'another-secret-0123456789' }),
      store,
      logger: memoryLogger(),
      retry: { baseDelayMs: 5, maxDelayMs: 20 },
    });
    const r = await wrong.answer({ question: 'Anyone there?', patternKey: 'p-wrong' });
    expect(agent.calls).toHaveLength(1); // a 401 is not retried
    expect(agent.calls[0]).toMatchObject({ verified: false, why: 'bad signature' });
    expect(r).toMatchObject({ text: AGENT_UNAVAILABLE, failed: true });
  });

  it('retries a 500 once and then answers', async () => {
    agent.reply({ status: 500, json: { error: 'boom' } }, agentAnswer('Second try worked.'));
    const i = await core.answer('Is the office open on Friday?', asker());
    expect(agent.calls).toHaveLength(2);
    expect(agent.calls.every((c) => c.verified)).toBe(true); // re-signed for the retry
    expect(i).toMatchObject({ answer: 'Second try worked.', failed: false });
  });

  it('honours Retry-After on a 429', async () => {
    const before = logger.lines.length;
    agent.reply({ status: 429, json: {}, headers: { 'retry-after': '1' } }, agentAnswer('After the wait.'));
    const i = await core.answer('Can I expense a taxi?', asker());
    expect(agent.calls).toHaveLength(2);
    expect(i.answer).toBe('After the wait.');
    const retry = logger.lines.slice(before).find((l) => l.msg === 'agent request failed, retrying');
    expect(retry?.obj).toMatchObject({ attempt: 1, delayMs: 1000 });
  });

  it('retries a dropped connection', async () => {
    agent.reply({ drop: true }, agentAnswer('Reconnected.'));
    const i = await core.answer('Where is the wifi password?', asker());
    expect(agent.calls).toHaveLength(2);
    expect(i.answer).toBe('Reconnected.');
  });

  it('gives up after the bounded attempts: fallback message, question recorded as failed', async () => {
    agent.reply({ status: 502, raw: 'bad gateway' }, { status: 503, raw: '' }, { status: 500, raw: '' });
    const i = await core.answer('Who runs payroll?', asker());
    expect(agent.calls).toHaveLength(3);
    expect(i).toMatchObject({ answer: AGENT_UNAVAILABLE, failed: true, answerer: HTTP_ANSWERER });
    expect(await store.interactions.get(i.id)).toMatchObject({ question: 'Who runs payroll?', failed: true });
  });

  it('a timeout gives the fallback message and is not retried', async () => {
    agent.reply({ hang: true });
    const i = await core.answer('Why is the build slow?', asker());
    expect(agent.calls).toHaveLength(1);
    expect(i).toMatchObject({ answer: AGENT_UNAVAILABLE, failed: true });
    expect(await store.interactions.get(i.id)).toMatchObject({ failed: true, answer: AGENT_UNAVAILABLE });
  });

  it('a malformed reply is an error, never shown raw', async () => {
    agent.reply(
      { raw: '<html>oops SECRET-INTERNAL</html>' },
      { json: { answer: 'SECRET-INTERNAL wrong field' } },
      { json: { text: '   ' } },
      { json: { text: 'ok', sources: [{ url: 'javascript:alert(1)' }] } },
      // A length that is no number: zod's length check throws on it unless heed's parse catches it.
      { json: { text: { length: { toString: null } } } },
    );
    for (const question of [
      'Malformed one?',
      'Malformed two?',
      'Malformed three?',
      'Malformed four?',
      'Five?',
    ]) {
      const i = await core.answer(question, asker());
      expect(i).toMatchObject({ answer: AGENT_MALFORMED, failed: true, question });
      expect(i.answer).not.toContain('SECRET-INTERNAL');
    }
    expect(agent.calls).toHaveLength(5); // not retried
  });

  it('a thread follow-up carries the earlier turns as history, and records them as context', async () => {
    agent.reply(agentAnswer('Parental leave is 16 weeks.'), agentAnswer('Yes, it can be split.'));
    const first = await core.answer('How long is parental leave?', asker('1700000000.000100'));
    const second = await core.answer('Can it be split?', asker('1700000000.000100'));
    const elsewhere = await core.answer('Can it be split?', asker('1700000000.000999'));

    expect(agent.calls[1]!.body.history).toEqual([
      { role: 'user', text: 'How long is parental leave?' },
      { role: 'assistant', text: 'Parental leave is 16 weeks.' },
    ]);
    expect(agent.calls[1]!.body.conversation).toEqual({
      platform: 'slack',
      channelId: 'C-HELP',
      threadId: '1700000000.000100',
    });
    expect(agent.calls[2]!.body.history).toEqual([]); // another thread
    expect(await store.interactions.get(second.id)).toMatchObject({
      threadKey: 'slack:C-HELP:1700000000.000100',
      contextIds: [first.id],
    });
    expect((await store.interactions.get(elsewhere.id))?.contextIds).toEqual([]);
  });

  it('never logs the secret or the URL query', () => {
    expect(logger.lines.some((l) => l.level === 'warn')).toBe(true);
    const logged = JSON.stringify(logger.lines);
    expect(logged).not.toContain(AGENT_SECRET);
    expect(logged).not.toContain('query-secret');
  });
});

describe('HTTP answerer configuration', () => {
  const bad = (e: Record<string, string>) => () => loadConfig(e);
  it('names the variable to fix', () => {
    expect(bad({ HEED_ANSWER_URL: agent.url })).toThrow(/HEED_ANSWER_SECRET is required/);
    expect(bad({ HEED_ANSWER_SECRET: AGENT_SECRET })).toThrow(/HEED_ANSWER_URL is required/);
    expect(bad({ HEED_ANSWER_URL: 'ftp://x/y', HEED_ANSWER_SECRET: AGENT_SECRET })).toThrow(
      /HEED_ANSWER_URL/,
    );
    expect(bad({ HEED_ANSWER_URL: agent.url, HEED_ANSWER_SECRET: 'short' })).toThrow(/HEED_ANSWER_SECRET/);
    expect(bad({ HEED_ANSWER_TIMEOUT_MS: 'soon' })).toThrow(/HEED_ANSWER_TIMEOUT_MS/);
    expect(bad({ HEED_HISTORY_TURNS: '-1' })).toThrow(/HEED_HISTORY_TURNS/);
    const c = loadConfig({ HEED_ANSWER_URL: agent.url, HEED_ANSWER_SECRET: AGENT_SECRET });
    expect(c.httpAnswerer).toEqual({ url: agent.url, secret: AGENT_SECRET, timeoutMs: 30_000 });
    expect(c.history).toEqual({ turns: 6 });
    expect(loadConfig({}).httpAnswerer).toBeUndefined();
  });
});

describe('HTTP answerer backoff', () => {
  const opts = { attempts: 3, baseDelayMs: 100, maxDelayMs: 1000 };
  it('grows exponentially within the cap and honours Retry-After up to the cap', () => {
    for (let i = 0; i < 20; i++) {
      expect(backoffDelay(1, opts)).toBeGreaterThanOrEqual(50);
      expect(backoffDelay(1, opts)).toBeLessThanOrEqual(100);
      expect(backoffDelay(3, opts)).toBeGreaterThanOrEqual(200);
      expect(backoffDelay(10, opts)).toBeLessThanOrEqual(1000);
    }
    expect(backoffDelay(1, opts, 250)).toBe(250);
    expect(backoffDelay(1, opts, 60_000)).toBe(1000);
  });
});
