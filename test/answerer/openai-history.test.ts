import { afterAll, describe, expect, it } from 'vitest';
import { createAnswerer } from '../../src/answerer/index.ts';
import { loadConfig } from '../../src/config.ts';
import type { ConversationRef } from '../../src/core/types.ts';
import { makeCore } from '../helpers/core.ts';
import { openTestStore } from '../helpers/db.ts';
import { completion, startFakeOpenAI } from '../helpers/fake-openai.ts';
import { memoryLogger } from '../helpers/fakes.ts';

const store = await openTestStore('llm_hist');
const fake = await startFakeOpenAI();
afterAll(() => fake.close());
const config = loadConfig({ OPENAI_BASE_URL: fake.baseUrl, OPENAI_MODEL: 'fake-model-1' });
const answerer = createAnswerer({ config, store, logger: memoryLogger() });
const { core } = makeCore(store, { answerer });
const inThread: ConversationRef = { platform: 'discord', userId: 'u1', channelId: '77', threadId: '77' };

describe('LLM answerer: a thread follow-up sends the earlier turns as chat messages', () => {
  it('puts the earlier question and answer between the system message and the new question', async () => {
    fake.reply(completion('The limit is 50 euros.'), completion('Yes, travel is included.'));
    const first = await core.answer('What is the expense limit?', inThread);
    expect(fake.requests[0]!.body.messages!.map((m) => m.role)).toEqual(['system', 'user']);

    const second = await core.answer('Does it include travel?', inThread);
    const messages = fake.requests[1]!.body.messages!;
    expect(messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(messages.slice(1)).toEqual([
      { role: 'user', content: 'What is the expense limit?' },
      { role: 'assistant', content: 'The limit is 50 euros.' },
      { role: 'user', content: 'Does it include travel?' },
    ]);
    expect((await store.interactions.get(second.id))?.contextIds).toEqual([first.id]);
  });
});
