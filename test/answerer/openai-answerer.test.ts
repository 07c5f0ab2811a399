import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import {
  BASE_INSTRUCTIONS,
  createAnswerer,
  LLM_MALFORMED,
  LLM_UNAVAILABLE,
} from '../../src/answerer/index.ts';
import { loadConfig } from '../../src/config.ts';
import { asker, makeCore } from '../helpers/core.ts';
import { openTestStore } from '../helpers/db.ts';
import { apiError, completion, startFakeOpenAI } from '../helpers/fake-openai.ts';
import { memoryLogger } from '../helpers/fakes.ts';

const API_KEY = 'sk-test-do-not-log-7f3a9c';
const store = await openTestStore('llm');
const fake = await startFakeOpenAI();
afterAll(() => fake.close());
const logger = memoryLogger();
const config = loadConfig({
  OPENAI_API_KEY: API_KEY,
  OPENAI_BASE_URL: fake.baseUrl,
  OPENAI_MODEL: 'fake-model-1',
  // The deadline of one answer, retries included: room for a 1 s Retry-After and the SDK's backoff.
  OPENAI_TIMEOUT_MS: '2000',
});
const answerer = createAnswerer({ config, store, logger });
const { core } = makeCore(store, { answerer });

const systemOf = (i: number) => fake.requests[i]!.body.messages!.find((m) => m.role === 'system')!.content;
beforeEach(() => {
  fake.requests.length = 0;
});

describe('LLM answerer against a fake OpenAI-compatible server', () => {
  it('is chosen when an LLM is configured, and describes itself without the key', () => {
    expect(answerer.describe()).toContain('fake-model-1');
    expect(answerer.describe()).toContain('127.0.0.1');
    expect(answerer.describe()).not.toContain(API_KEY);
  });

  it('sends the base and current instructions and the retrieved knowledge, and records the sources', async () => {
    await store.instructions.add('Answer like a pirate.', undefined, undefined, new Date());
    await store.instructions.add('Always answer in formal English.', undefined, undefined, new Date());
    const key = await core.patternKey('How do I request vacation days?');
    const entry = await store.knowledge.seed(
      { patternKey: key, question: 'How do I request vacation days?', answer: 'File it in the HR portal.' },
      new Date(),
    );
    fake.reply(completion('Kindly file your request in the HR portal.'));

    const i = await core.answer('How can I request my vacation days?', asker());

    expect(fake.requests).toHaveLength(1);
    const req = fake.requests[0]!;
    expect(req.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(req.body.model).toBe('fake-model-1');
    expect(req.body.messages!.at(-1)).toEqual({
      role: 'user',
      content: 'How can I request my vacation days?',
    });
    const system = systemOf(0);
    expect(system.startsWith(BASE_INSTRUCTIONS)).toBe(true);
    expect(system).toContain('Team instructions (version 2)');
    expect(system).toContain('Always answer in formal English.');
    expect(system).not.toContain('pirate'); // only the current version
    expect(system).toContain('Q: How do I request vacation days?\nA: File it in the HR portal.');
    expect(i).toMatchObject({
      answer: 'Kindly file your request in the HR portal.',
      answerer: 'openai',
      model: 'fake-model-1',
      failed: false,
      sources: [{ knowledgeId: entry.id, version: 1, title: 'How do I request vacation days?' }],
    });
  });

  it('puts the newest approved version in the prompt after a correction', async () => {
    const key = await core.patternKey('Where is the VPN guide?');
    await store.knowledge.seed(
      { patternKey: key, question: 'Where is the VPN guide?', answer: 'On the old wiki.' },
      new Date(),
    );
    await store.knowledge.add(
      {
        patternKey: key,
        question: 'Where is the VPN guide?',
        answer: 'In the IT handbook, chapter 3.',
        source: 'correction',
        sourceFeedbackIds: [],
      },
      new Date(),
    );
    const i = await core.answer('Where is the VPN guide?', asker());
    expect(systemOf(0)).toContain('A: In the IT handbook, chapter 3.');
    expect(systemOf(0)).not.toContain('old wiki');
    expect(i.sources[0]).toMatchObject({ version: 2 });
  });

  it('retries a 429 and then succeeds', async () => {
    const before = logger.lines.length;
    fake.reply(apiError(429, 'slow down'), completion('Second time lucky.'));
    const i = await core.answer('What is the capital of France?', asker());
    expect(fake.requests).toHaveLength(2);
    expect(i).toMatchObject({ answer: 'Second time lucky.', failed: false });
    const warned = logger.lines.slice(before).filter((l) => l.level === 'warn');
    expect(warned).toMatchObject([{ msg: 'LLM attempt failed', obj: { status: 429 } }]);
  });

  it('honours Retry-After on a 429', async () => {
    // Without the header the SDK would wait at most 0.5 s before the second attempt.
    fake.reply({ ...apiError(429), headers: { 'retry-after': '1' } }, completion('After the wait.'));
    const t0 = performance.now();
    const i = await core.answer('Can I expense a taxi?', asker());
    expect(performance.now() - t0).toBeGreaterThanOrEqual(950);
    expect(fake.requests).toHaveLength(2);
    expect(i).toMatchObject({ answer: 'After the wait.', failed: false });
  });

  it('keeps its deadline when Retry-After asks for a longer wait', async () => {
    fake.reply({ ...apiError(429), headers: { 'retry-after': '20' } });
    const t0 = performance.now();
    const i = await core.answer('Can I book a desk for tomorrow?', asker());
    expect(performance.now() - t0).toBeLessThan(5000); // the SDK alone would wait the 20 s
    expect(i).toMatchObject({ answer: LLM_UNAVAILABLE, failed: true });
    expect(fake.requests).toHaveLength(1);
  });

  it('retries 500s, then gives the fallback message and still records the question', async () => {
    const soon = { 'retry-after-ms': '10' }; // keeps the three attempts well inside the deadline
    fake.reply(
      { ...apiError(500), headers: soon },
      { ...apiError(502), headers: soon },
      { ...apiError(503), headers: soon },
      completion('too late'),
    );
    const i = await core.answer('Is the canteen open today?', asker());
    expect(fake.requests).toHaveLength(3); // three attempts, then stop
    expect(i).toMatchObject({ answer: LLM_UNAVAILABLE, failed: true, answerer: 'openai' });
    expect((await store.interactions.get(i.id))?.question).toBe('Is the canteen open today?');
    fake.requests.length = 0;
    expect((await core.answer('Is the canteen open today?', asker())).answer).toBe('too late');
  });

  it('does not retry a client error such as 400', async () => {
    fake.reply(apiError(400, 'bad request'));
    const i = await core.answer('What does error 400 mean?', asker());
    expect(fake.requests).toHaveLength(1);
    expect(i).toMatchObject({ answer: LLM_UNAVAILABLE, failed: true });
  });

  it('gives up on a server that never answers: fallback message, question recorded', async () => {
    fake.reply({ hang: true });
    const i = await core.answer('Why is the build so slow?', asker());
    expect(i).toMatchObject({ answer: LLM_UNAVAILABLE, failed: true });
    expect(await store.interactions.get(i.id)).toMatchObject({ failed: true, answer: LLM_UNAVAILABLE });
    expect(fake.requests).toHaveLength(1); // the time budget is spent: no retry
    const failed = logger.lines.findLast((l) => l.msg === 'LLM request failed');
    expect(failed?.obj).toMatchObject({ err: 'no answer within 2000 ms' });
  });

  it('handles malformed responses: bad JSON, missing choices, empty content', async () => {
    fake.reply({ raw: '{"choices": [' }, { json: { id: 'x', object: 'chat.completion' } }, completion('   '));
    for (const question of ['First malformed?', 'Second malformed?', 'Third malformed?']) {
      const i = await core.answer(question, asker());
      expect(i).toMatchObject({ answer: LLM_MALFORMED, failed: true, question });
    }
  });

  it('never writes the API key to the logs', () => {
    expect(logger.lines.some((l) => l.level === 'warn')).toBe(true); // the retries above were logged
    expect(JSON.stringify(logger.lines)).not.toContain(API_KEY);
  });
});
