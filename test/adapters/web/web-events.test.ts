import { describe, expect, it } from 'vitest';
import type { Insights } from '../../../src/core/insights/types.ts';
import type { Digest } from '../../../src/core/views.ts';
import { call, MODERATING, startPlayground } from './harness.ts';

const seen: number[] = [];
const digest = {
  periodKey: '2026-W45',
  empty: false,
  totals: { feedback: 3, up: 1, down: 2 },
} as unknown as Digest;
const pg = await startPlayground('webev', {
  insights: async (days) => {
    seen.push(days);
    // A stand-in: /api/insights passes whatever the callback returns through unchanged.
    return {
      days,
      positiveRate: 0.5,
      topIssues: [{ text: 'outdated prices', count: 2 }],
    } as unknown as Insights;
  },
  digestPreview: async () => digest,
});

/** Reads server-sent events until one matches, returning the parsed frames seen so far. */
async function readUntil(
  body: ReadableStream<Uint8Array>,
  match: (frame: { event: string; data: Record<string, unknown> }) => boolean,
) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const frames: { event: string; data: Record<string, unknown> }[] = [];
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`stream ended before a matching event; saw ${JSON.stringify(frames)}`);
    buffer += decoder.decode(value, { stream: true });
    let cut = buffer.indexOf('\n\n');
    while (cut >= 0) {
      const lines = buffer.slice(0, cut).split('\n');
      buffer = buffer.slice(cut + 2);
      cut = buffer.indexOf('\n\n');
      const event = lines.find((l) => l.startsWith('event: '))?.slice(7);
      const data = lines.find((l) => l.startsWith('data: '))?.slice(6);
      if (!event || !data) continue;
      const frame = { event, data: JSON.parse(data) };
      frames.push(frame);
      if (match(frame)) {
        reader.releaseLock();
        return frames;
      }
    }
  }
}

describe('web playground live updates and insights', () => {
  it('pushes review events to open pages over SSE, and stop() ends the streams', async () => {
    const res = await fetch(`${pg.url}/api/events`);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    await readUntil(res.body!, (f) => f.event === 'hello');
    expect(pg.adapter.events.size).toBe(1);

    const { body } = await call(pg.url, '/api/ask', {
      body: { question: 'What are the support hours?', userId: 'a' },
    });
    const id = body.interaction.id;
    for (const userId of ['u1', 'u2', 'u3'])
      await call(pg.url, '/api/feedback', {
        body: { interactionId: id, userId, kind: 'vote', value: 'down' },
      });
    const frames = await readUntil(res.body!, (f) => f.event === 'review');
    expect(frames[0]!.data).toEqual({ type: 'interaction', interactionId: id });
    const review = await pg.store.reviews.findOpen(body.interaction.patternKey);
    expect(frames.at(-1)!.data).toEqual({
      type: 'review',
      change: 'opened',
      reviewId: review!.id,
      status: 'open',
    });
    // The review is raised inside the third reaction, before that reaction's own feedback event.
    expect(frames.map((f) => f.event)).toEqual(['interaction', 'feedback', 'feedback', 'review']);

    await call(pg.url, `/api/reviews/${review!.id}/resolve`, {
      body: { action: 'dismiss', userId: 'mod' },
      headers: MODERATING,
    });
    const after = await readUntil(res.body!, (f) => f.event === 'review');
    expect(after.at(-1)!.data).toMatchObject({
      change: 'resolved',
      reviewId: review!.id,
      status: 'dismissed',
    });

    await pg.adapter.stop();
    const rest = await res.body!.getReader().read();
    expect(rest.done).toBe(true);
    expect(pg.adapter.events.size).toBe(0);
  });

  it('serves the insights and digest preview callbacks, validating the period', async () => {
    const insights = await call(pg.url, '/api/insights?days=30');
    expect(insights.body).toEqual({
      available: true,
      days: 30,
      data: { days: 30, positiveRate: 0.5, topIssues: [{ text: 'outdated prices', count: 2 }] },
    });
    expect((await call(pg.url, '/api/insights')).body.days).toBe(7);
    expect((await call(pg.url, '/api/insights?days=abc')).status).toBe(400);
    expect(seen).toEqual([30, 7]);
    expect((await call(pg.url, '/api/digest-preview')).body).toEqual({ available: true, data: digest });
  });

  it('answers 500 without details when a callback fails, and logs it', async () => {
    const broken = await startPlayground('webev2', {
      insights: async () => {
        throw new Error('secret-ish internal detail');
      },
    });
    const res = await call(broken.url, '/api/insights');
    expect(res.status).toBe(500);
    expect(JSON.stringify(res.body)).not.toContain('secret-ish');
    expect(broken.logger.lines.some((l) => l.level === 'error' && l.msg === 'playground API failed')).toBe(
      true,
    );
  });
});
