import { describe, expect, it } from 'vitest';
import { answerMessages } from '../../../adapters/slack/render/answer.ts';
import { digestMessage } from '../../../adapters/slack/render/digest.ts';
import { resolveModal } from '../../../adapters/slack/render/modals.ts';
import { resolvedRootMessage, reviewRootMessage } from '../../../adapters/slack/render/review.ts';
import { escapeMrkdwn, splitText } from '../../../adapters/slack/render/text.ts';
import type { Feedback, Interaction } from '../../../src/core/types.ts';
import type { Digest, ReviewView } from '../../../src/core/views.ts';

const ID = '0123456789abcdef01234567';
type AnyBlock = { type: string; text?: { text: string }; fields?: { text: string }[]; elements?: unknown[] };
const sectionTexts = (blocks: unknown[]) =>
  (blocks as AnyBlock[]).flatMap((b) => [
    ...(b.text ? [b.text.text] : []),
    ...(b.fields ?? []).map((f) => f.text),
  ]);

const interaction = (answer: string): Interaction => ({
  id: ID,
  patternKey: 'p',
  question: 'q?',
  answer,
  ref: { platform: 'slack', userId: 'U1' },
  answerer: 'test',
  sources: [],
  failed: false,
  createdAt: new Date(),
});

const feedback = (i: number): Feedback =>
  ({
    id: `${i}`.padStart(24, '0'),
    interactionId: ID,
    patternKey: 'p',
    platform: 'slack',
    userId: `U${i}`,
    kind: 'correction',
    value: `fix ${i} ${'z'.repeat(3000)}`,
    reasons: [],
    createdAt: new Date(),
    updatedAt: new Date(),
  }) as Feedback;

function reviewView(over: Partial<ReviewView> = {}): ReviewView {
  const related = Array.from({ length: 30 }, (_, i) => feedback(i));
  return {
    review: {
      id: ID,
      patternKey: 'p',
      status: 'open',
      interactionId: ID,
      question: `<!channel> ${'q'.repeat(3990)}`,
      threads: [],
      audit: [],
      createdAt: new Date(),
      updatedAt: new Date(),
    },
    question: `<!channel> ${'q'.repeat(3990)}`,
    answerExcerpt: 'a'.repeat(500),
    answerSource: `knowledge-base · from “<!here> ${'t'.repeat(80)}” v2`,
    window: { negative: 7, total: 10, size: 10 },
    reasonCounts: { inaccurate: 4, outdated: 2 },
    corrections: related.map((f) => ({
      feedbackId: f.id,
      text: String(f.value),
      userId: f.userId,
      at: f.updatedAt,
    })),
    comments: Array.from({ length: 40 }, (_, i) => `comment ${i} ${'c'.repeat(900)}`),
    suggestedAction: 'Update knowledge base with corrections',
    priority: 'high',
    related,
    ...over,
  };
}

describe('Slack Block Kit rendering within Slack limits', () => {
  it('splitText keeps every character, cuts at ≤ max, never inside an entity or a surrogate pair', () => {
    const samples = [
      'plain words '.repeat(1000),
      'x'.repeat(10_000),
      escapeMrkdwn('&<>'.repeat(3000)),
      '😀'.repeat(4000),
      'line\n'.repeat(2000),
      '',
    ];
    for (const s of samples) {
      const parts = splitText(s, 3000);
      expect(parts.join('')).toBe(s);
      for (const p of parts) {
        expect(p.length).toBeLessThanOrEqual(3000);
        expect(p).not.toMatch(/&[a-z]{0,3}$/); // no cut inside &amp; &lt; &gt;
        expect(p.charCodeAt(p.length - 1) >= 0xd800 && p.charCodeAt(p.length - 1) <= 0xdbff).toBe(false);
      }
    }
  });

  it('answer text is escaped so model output cannot ping @channel or inject links', () => {
    const [m] = answerMessages(interaction('<!channel> see <http://evil|here> & more'));
    // Read as Markdown, `<http://evil|here>` is an autolink whose URL is invalid: it stays text, no link.
    expect(sectionTexts(m!.blocks)[0]).toBe('&lt;!channel&gt; see http://evil|here &amp; more');
  });

  it('a review root with huge content stays within 50 blocks and 3000-char sections, mentions nobody', () => {
    for (const msg of [reviewRootMessage(reviewView()), resolvedRootMessage(reviewView())]) {
      expect(msg.blocks.length).toBeLessThanOrEqual(50);
      for (const t of sectionTexts(msg.blocks)) expect(t.length).toBeLessThanOrEqual(3000);
      expect(JSON.stringify(msg.blocks)).not.toContain('<!channel>');
      expect(JSON.stringify(msg.blocks)).toContain('…and 25 more in the thread');
    }
    expect(JSON.stringify(reviewRootMessage(reviewView()).blocks)).toContain('high priority');
  });

  it('moderator modals respect Slack limits (title ≤ 24, inputs ≤ 3000, metadata ≤ 3000)', () => {
    for (const action of ['apply_correction', 'update_instructions', 'dismiss'] as const) {
      const view = resolveModal(action, reviewView(), 'i'.repeat(8000), {
        kind: 'resolve',
        action,
        reviewId: ID,
      });
      expect(view.type).toBe('modal');
      expect((view as { title: { text: string } }).title.text.length).toBeLessThanOrEqual(24);
      expect((view.private_metadata ?? '').length).toBeLessThanOrEqual(3000);
      for (const b of view.blocks as {
        type: string;
        element?: { initial_value?: string; max_length?: number };
      }[]) {
        if (b.type !== 'input') continue;
        expect(b.element!.max_length!).toBeLessThanOrEqual(3000);
        expect((b.element!.initial_value ?? '').length).toBeLessThanOrEqual(3000);
      }
    }
  });

  it('renders a full digest within 50 blocks and 3000-char sections, counting what does not fit', () => {
    const long = (s: string) => `${s} ${'w'.repeat(600)}`;
    const digest: Digest = {
      periodKey: '2026-W45',
      from: new Date('2026-11-02T00:00:00Z'),
      to: new Date('2026-11-09T00:00:00Z'),
      empty: false,
      totals: { feedback: 120, up: 80, down: 30, corrections: 6, ratings: 4, interactions: 300 },
      positiveRate: 0.727,
      previousPositiveRate: 0.65,
      trend: [0.5, 0.6, null, 0.727],
      sparkline: '▁▃ █',
      byPlatform: [
        { platform: 'slack', feedback: 100, positiveRate: 0.7 },
        { platform: 'discord', feedback: 20, positiveRate: 0.85 },
      ],
      commonIssues: Array.from({ length: 30 }, (_, i) => ({
        representative: long(`issue ${i}`),
        frequency: 30 - i,
        samples: [long('sample')],
      })),
      corrections: Array.from({ length: 20 }, (_, i) => ({
        question: long(`q${i}`),
        text: long('fix'),
        userName: '<!here>',
        status: 'pending' as const,
      })),
      opportunities: [{ description: 'Add an article about VPN setup', score: 0.9 }],
      reviewStats: { opened: 5, resolved: 3, open: 2, medianHoursToResolve: 4.25 },
    };
    const msg = digestMessage(digest);
    expect(msg.blocks.length).toBeLessThanOrEqual(50);
    const texts = sectionTexts(msg.blocks);
    for (const t of texts) expect(t.length).toBeLessThanOrEqual(3000);
    const all = JSON.stringify(msg.blocks);
    expect(all).toContain('73% (▲ 8 pts vs 65%)');
    expect(all).toMatch(/…and \d+ more/);
    expect(all).not.toContain('<!here>');
    expect(all).toContain('median time to resolve 4.3 h');
    expect(digestMessage({ ...digest, empty: true }).text).toContain('no feedback');
  });
});
