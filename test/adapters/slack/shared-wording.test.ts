import { describe, expect, it } from 'vitest';
import { digestMessage } from '../../../adapters/slack/render/digest.ts';
import { altText } from '../../../adapters/slack/render/digest-chart.ts';
import {
  outcomeReply,
  resolvedRootMessage,
  reviewRootMessage,
} from '../../../adapters/slack/render/review.ts';
import { clip } from '../../../adapters/slack/render/text.ts';
import type { Resolution } from '../../../src/core/types.ts';
import type { Digest, ReviewView } from '../../../src/core/views.ts';

/** Slack prints the presentation layer's wording; these pin what a Slack user reads. */

const ID = '0123456789abcdef01234567';
type AnyBlock = { type: string; text?: { text: string }; fields?: { text: string }[]; elements?: unknown[] };
const sectionTexts = (blocks: unknown[]) =>
  (blocks as AnyBlock[]).filter((b) => b.type === 'section' && b.text).map((b) => b.text!.text);
const headerOf = (blocks: unknown[]) => (blocks as AnyBlock[]).find((b) => b.type === 'header')!.text!.text;

function digest(over: Partial<Digest> = {}): Digest {
  return {
    periodKey: '2026-W45',
    // Midnight in Berlin is 23:00 UTC the day before: the label must follow the digest's zone.
    from: new Date('2026-11-01T23:00:00Z'),
    to: new Date('2026-11-08T23:00:00Z'),
    timezone: 'Europe/Berlin',
    empty: false,
    totals: { feedback: 40, up: 31, down: 9, corrections: 0, ratings: 0, interactions: 90 },
    positiveRate: 0.774,
    previousPositiveRate: 0.695,
    trend: [0.695, 0.774],
    sparkline: '▁█',
    byPlatform: [{ platform: 'slack', feedback: 40, positiveRate: 0.774 }],
    commonIssues: [],
    corrections: [],
    opportunities: [],
    reviewStats: { opened: 2, resolved: 1, open: 1, medianHoursToResolve: 5 },
    ...over,
  };
}

function closedView(status: 'resolved' | 'dismissed', resolution?: Resolution): ReviewView {
  return {
    review: {
      id: ID,
      patternKey: 'p',
      status,
      interactionId: ID,
      question: 'q?',
      threads: [],
      audit: [],
      createdAt: new Date(),
      updatedAt: new Date(),
      ...(resolution ? { resolution } : {}),
    },
    question: 'How do I reset my password?',
    answerExcerpt: 'Reset it from Settings.',
    answerSource: 'test',
    window: { negative: 3, total: 3, size: 10 },
    reasonCounts: {},
    corrections: [],
    comments: [],
    suggestedAction: 'Update the assistant instructions',
    priority: 'medium',
    related: [],
  };
}
const at = new Date('2026-11-02T09:00:00Z');

describe('Slack digest: the shared numbers and dates', () => {
  it('labels the period in the digest’s zone (DIGEST_TZ), not UTC, in the header and the fallback', () => {
    const msg = digestMessage(digest());
    expect(headerOf(msg.blocks)).toBe('📊 heed digest · 2026-11-02 – 2026-11-09');
    expect(msg.text).toBe('📊 heed digest · 2026-11-02 – 2026-11-09: 40 feedback, 77% positive');
    // A label the digest carries is printed as it is.
    const labelled = digestMessage(digest({ periodLabel: '2026-10-26 – 2026-11-02' }));
    expect(headerOf(labelled.blocks)).toBe('📊 heed digest · 2026-10-26 – 2026-11-02');
  });

  it('the trend is the difference of the percents shown (77% vs 70% is 7 pts), and durations read “5 h”', () => {
    const all = JSON.stringify(digestMessage(digest()).blocks);
    expect(all).toContain('*Positive rate:* 77% (▲ 7 pts vs 70%)');
    expect(all).toContain('• slack: 40 feedback, 77% positive');
    expect(all).toContain('median time to resolve 5 h ·');
    const quick = JSON.stringify(
      digestMessage(digest({ reviewStats: { opened: 1, resolved: 1, open: 0, medianHoursToResolve: 0.5 } }))
        .blocks,
    );
    expect(quick).toContain('median time to resolve 30 min');
    const none = JSON.stringify(
      digestMessage(digest({ reviewStats: { opened: 1, resolved: 0, open: 1, medianHoursToResolve: null } }))
        .blocks,
    );
    expect(none).toContain('median time to resolve — ·');
  });

  it('a period with feedback but no votes has no rate (not 0%)', () => {
    const msg = digestMessage(
      digest({
        totals: { feedback: 3, up: 0, down: 0, corrections: 3, ratings: 0, interactions: 5 },
        positiveRate: 0,
      }),
    );
    expect(JSON.stringify(msg.blocks)).toContain('*Positive rate:* no votes this period');
    expect(msg.text).toMatch(/: 3 feedback, no votes$/);
  });

  it('common issues quote their sample through the shared excerpt, escaped after the cut', () => {
    const sample = `<!here> ${'long words '.repeat(30)}`;
    const msg = digestMessage(
      digest({ commonIssues: [{ representative: 'reset', frequency: 4, samples: [sample] }] }),
    );
    const line = sectionTexts(msg.blocks).find((t) => t.startsWith('*Common issues*'))!;
    expect(line).toMatch(/^\*Common issues\*\n• reset — 4× \(e\.g\. “&lt;!here&gt; long words [a-z ]+…”\)$/);
    // 120 characters of the sample, then escaped: the cut never lands inside an entity.
    expect(line.slice(line.indexOf('“') + 1, line.indexOf('”'))).toHaveLength(120 + 6);
  });

  it('the chart’s alt text uses the shared percents and says “no votes” for an empty week', () => {
    expect(altText({ trend: [0.5, null, 0.774] })).toBe(
      'Positive rate per week, oldest first: 50%, no votes, 77%.',
    );
    expect(altText({ trend: Array.from({ length: 400 }, () => 0.5) })).toHaveLength(1000);
  });
});

describe('Slack review messages: the shared outcome sentences', () => {
  it('a resolution names the Slack actor as a mention, with the icon and the version', () => {
    const view = closedView('resolved', {
      action: 'apply_correction',
      actor: { platform: 'slack', userId: 'UMOD1', name: 'mo' },
      at,
      knowledgeVersion: 2,
    });
    const msg = resolvedRootMessage(view);
    expect(headerOf(msg.blocks)).toBe('✅ Review resolved');
    expect(sectionTexts(msg.blocks)[0]).toBe(
      '✅ <@UMOD1> applied the correction to the knowledge base (version 2).',
    );
    expect(outcomeReply(view).text).toBe(
      '✅ <@UMOD1> applied the correction to the knowledge base (version 2).',
    );
  });

  it('a dismissal by someone on another platform: their name and note are escaped text, never a mention', () => {
    const view = closedView('dismissed', {
      action: 'dismiss',
      actor: { platform: 'discord', userId: '123456789', name: '<!here> Mo' },
      at,
      note: '<!channel> & duplicate',
    });
    const msg = resolvedRootMessage(view);
    expect(headerOf(msg.blocks)).toBe('🚫 Review dismissed');
    expect(sectionTexts(outcomeReply(view).blocks)).toEqual([
      '🚫 &lt;!here&gt; Mo dismissed this review: &lt;!channel&gt; &amp; duplicate',
    ]);
  });

  it('a long note escaped past the section limit is split, not dropped or overflowing', () => {
    const view = closedView('dismissed', {
      action: 'dismiss',
      actor: { platform: 'slack', userId: 'UMOD1' },
      at,
      note: '<'.repeat(1200),
    });
    const texts = sectionTexts(outcomeReply(view).blocks);
    expect(texts.length).toBeGreaterThan(1);
    for (const t of texts) expect(t.length).toBeLessThanOrEqual(3000);
    const joined = texts.join('');
    expect(joined.match(/&lt;/g)).toHaveLength(999); // the shared excerpt: 999 characters and "…"
    expect(joined.endsWith('&lt;…')).toBe(true);
  });

  it('a closed review without its resolution says its status', () => {
    expect(sectionTexts(outcomeReply(closedView('resolved')).blocks)).toEqual(['Review resolved.']);
    expect(headerOf(resolvedRootMessage(closedView('resolved')).blocks)).toBe('✅ Review resolved');
  });

  it('earlier turns beyond the three shown are counted with the shared plural', () => {
    const turns = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ question: `q${i}`, answer: `a${i}` }));
    const text = (n: number) =>
      JSON.stringify(reviewRootMessage({ ...closedView('resolved'), context: turns(n) }).blocks);
    expect(text(4)).toContain('_…1 earlier turn_');
    expect(text(5)).toContain('_…2 earlier turns_');
  });

  it('excerpts never split an emoji and count the ellipsis', () => {
    expect(clip('ok 👍🏽👍🏽', 9)).toBe('ok 👍🏽…'); // not "ok 👍🏽" plus half of the next emoji
    expect(clip('ok 👍🏽👍🏽', 6)).toBe('ok…');
    expect(clip('one  two\nthree', 8)).toBe('one two…');
  });
});
