import { describe, expect, it } from 'vitest';
import { buildDigest, computeInsights, periodEndingAt } from '../../../src/core/insights/index.ts';
import type { MongoFeedbackStore } from '../../../src/store/mongo-feedback-store.ts';
import { call, startPlayground } from './harness.ts';

let store: MongoFeedbackStore | undefined;
const insights = (days: number, to: Date = new Date()) =>
  computeInsights(store!, { from: new Date(to.getTime() - days * 86_400_000), to });
const pg = await startPlayground('web_dashboard', {
  insights,
  digestPreview: () => buildDigest(store!, periodEndingAt(new Date(), 'UTC')),
});
store = pg.store;
const bare = await startPlayground('web_dashboard_bare');

const i = await pg.core.answer('Where is the office?', {
  platform: 'web',
  userId: 'asker',
  channelId: 'playground',
});
for (const [userId, value] of [
  ['u1', 'up'],
  ['u2', 'up'],
] as const)
  await pg.core.recordFeedback({ interactionId: i.id, platform: 'web', userId, kind: 'vote', value });
await pg.core.recordFeedback({
  interactionId: i.id,
  platform: 'web',
  userId: 'u3',
  kind: 'vote',
  value: 'down',
  reasons: ['outdated'],
  comment: 'we moved <b>last year</b>',
});
await pg.core.recordFeedback({
  interactionId: i.id,
  platform: 'web',
  userId: 'u1',
  kind: 'rating',
  value: 4,
});

describe('playground dashboard API', () => {
  it('GET /api/dashboard sends a typed view model with labels for people', async () => {
    const res = await call(pg.url, '/api/dashboard?days=7');
    expect(res.status).toBe(200);
    const view = res.body.data;
    expect(view.title).toBe('Last 7 days');
    expect(
      view.headlines.map((h: { id: string; label: string; value: string }) => [h.id, h.label, h.value]),
    ).toEqual([
      ['positive-rate', 'Positive rate', '67%'],
      ['feedback', 'Feedback received', '4'],
      ['answers', 'Questions answered', '1'],
      ['corrections', 'Corrections suggested', '0'],
      ['rating', 'Average rating', '4.0 / 5'],
    ]);
    expect(view.headlines[0].detail).toBe('2 👍 · 1 👎');
    expect(view.headlines[0].change).toEqual({ text: 'no previous period', tone: 'neutral' });
    expect(view.headlines[1].change).toEqual({ text: '+4 vs the 7 days before', tone: 'neutral' });
    expect(view.issues).toEqual([
      {
        question: 'Where is the office?',
        frequency: 1,
        reasons: [{ label: 'Outdated', count: 1 }],
        comments: ['we moved <b>last year</b>'],
      },
    ]);
    expect(view.reviews.map((r: { label: string }) => r.label)).toEqual([
      'Opened / resolved',
      'Open now',
      'Dismissed',
      'Median time to resolve',
    ]);
    expect(view.platforms).toEqual([
      { platform: 'Playground', feedback: '4 reactions', positiveRate: '67%' },
    ]);
    expect(view.chart.url).toBe('/api/insights/chart.svg');
    expect(view.chart.alt).toMatch(/67%; feedback per week: (0, ){7}4\.$/);
    expect(view.digest.text).toContain('Positive rate: 67%');
    // The digest's own zone and days (its preview here is cut in UTC).
    expect(view.rangeLabel).toMatch(
      /^[A-Z][a-z]{2} \d{1,2}, \d\d:\d\d – [A-Z][a-z]{2} \d{1,2}, \d\d:\d\d UTC$/,
    );
    expect(view.digest.title).toMatch(/^Digest for \d{4}-\d\d-\d\d – \d{4}-\d\d-\d\d$/);
    expect((await call(pg.url, '/api/dashboard?days=abc')).status).toBe(400);
  });

  it('GET /api/insights/chart.svg serves the digest trend chart as SVG', async () => {
    const res = await fetch(`${pg.url}/api/insights/chart.svg`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const svg = await res.text();
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('Positive rate and feedback volume');
    expect(svg).toContain('67%');
    expect(svg).not.toContain('<script');
  });

  it('without insights callbacks: not available, and no chart', async () => {
    expect((await call(bare.url, '/api/dashboard')).body).toEqual({ available: false });
    expect((await call(bare.url, '/api/insights/chart.svg')).status).toBe(404);
  });
});
