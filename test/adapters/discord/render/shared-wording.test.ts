import type { APIEmbed } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { digestMessages } from '../../../../adapters/discord/render/digest-embeds.ts';
import { closedText, voteText } from '../../../../adapters/discord/render/replies.ts';
import {
  outcomeText,
  reviewMessage,
  threadName,
} from '../../../../adapters/discord/render/review-message.ts';
import type { Digest, ReviewView } from '../../../../src/core/views.ts';
import { bigDigest } from '../../../helpers/discord-samples.ts';

/** Discord renders the shared presentation layer's wording: these pin what Discord users read. */

const at = new Date('2026-11-02T09:00:00Z');
const mo = { platform: 'discord' as const, userId: '42', name: 'Mo' };

function view(overrides: Partial<ReviewView['review']> = {}, more: Partial<ReviewView> = {}): ReviewView {
  const review: ReviewView['review'] = {
    id: '0123456789abcdef01234567',
    patternKey: 'p',
    status: 'open',
    interactionId: 'fedcba9876543210fedcba98',
    question: 'How do refunds work?',
    threads: [],
    audit: [],
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
  return {
    review,
    question: review.question,
    answerExcerpt: 'Within 14 days.',
    answerSource: 'knowledge-base v1',
    window: { negative: 3, total: 5, size: 10 },
    reasonCounts: {},
    corrections: [],
    comments: [],
    suggestedAction: 'Update knowledge base with corrections',
    priority: 'medium',
    related: [],
    ...more,
  };
}

function overview(d: Digest): APIEmbed {
  return digestMessages(d)[0]![0]!;
}
const field = (e: APIEmbed, name: string) => e.fields!.find((f) => f.name === name)!.value;

describe('Discord review wording (shared outcome sentence)', () => {
  it('a dismissal says who dismissed it and why in one sentence, with no quote below', () => {
    const closed = view({
      status: 'dismissed',
      resolution: { action: 'dismiss', actor: mo, at, note: 'duplicate of an earlier review' },
    });
    const text = 'Mo (<@42>) dismissed this review: duplicate of an earlier review\non <t:1793610000:f>';
    expect(outcomeText(closed)).toBe(text);
    const embed = reviewMessage(closed).embeds[0]!;
    expect(field(embed, 'Resolution')).toBe(text);
  });

  it('updated instructions name the version; the new instructions are quoted below', () => {
    const closed = view({
      status: 'resolved',
      resolution: {
        action: 'update_instructions',
        actor: { platform: 'slack', userId: 'U1' },
        at,
        text: 'Be brief.\nCite the policy.',
        instructionsVersion: 4,
      },
    });
    expect(outcomeText(closed)).toBe(
      "U1 (slack) updated the assistant's instructions (version 4).\non <t:1793610000:f>\n> Be brief.\n> Cite the policy.",
    );
  });

  it('the thread name is one line within 100 characters; older turns are counted with the right noun', () => {
    expect(threadName(view({}, { question: 'Refunds\n\n  after   30 days?' }))).toBe(
      'Review: Refunds after 30 days?',
    );
    const long = threadName(view({}, { question: 'word '.repeat(40) }));
    expect(long).toHaveLength(100);
    expect(long).toBe(`Review: ${'word '.repeat(18)}w…`);
    const turns = (n: number) =>
      Array.from({ length: n }, (_, k) => ({ question: `q${k}`, answer: `a${k}` }));
    const earlier = (n: number) =>
      field(reviewMessage(view({}, { context: turns(n) })).embeds[0]!, 'Earlier in the thread');
    expect(earlier(4).split('\n')[0]).toBe('…1 earlier turn');
    expect(earlier(5).split('\n')[0]).toBe('…2 earlier turns');
    expect(earlier(3)).toBe('• Q: q0 → A: a0\n• Q: q1 → A: a1\n• Q: q2 → A: a2');
  });
});

describe('Discord replies (shared thanks and closed-review text)', () => {
  it('a 👎 is thanked and asked why; a closed review names who closed it with a silent mention', () => {
    expect(voteText('created', 'up')).toBe('Thanks — your 👍 is recorded.');
    expect(voteText('updated', 'down')).toBe('Your vote is now 👎. Want to tell us what was wrong?');
    const closed = view({
      status: 'resolved',
      resolution: { action: 'apply_correction', actor: mo, at, text: 'x', knowledgeVersion: 1 },
    });
    expect(closedText(closed)).toBe('This review was already resolved by Mo (<@42>).');
    expect(closedText(view({ status: 'dismissed' }))).toBe('This review was already dismissed.');
  });
});

describe('Discord digest numbers and dates (shared presentation)', () => {
  it("prints the period's days in the digest's zone (DIGEST_TZ), not UTC", () => {
    const evening = {
      ...bigDigest(),
      from: new Date('2026-11-02T05:00:00Z'),
      to: new Date('2026-11-09T05:00:00Z'),
    };
    expect(overview(evening).description).toBe('2026-11-02 – 2026-11-09');
    expect(overview({ ...evening, timezone: 'America/Los_Angeles' }).description).toBe(
      '2026-11-01 – 2026-11-08',
    );
    expect(overview({ ...evening, periodLabel: '2026-10-31 – 2026-11-07' }).description).toBe(
      '2026-10-31 – 2026-11-07',
    );
  });

  it('a period without votes has no rate; an unchanged rate shows no arrow; durations read as people say them', () => {
    const noVotes = { ...bigDigest(), totals: { ...bigDigest().totals, up: 0, down: 0 }, positiveRate: 0 };
    expect(field(overview(noVotes), 'Positive rate')).toBe('no votes this period');
    const flat = { ...bigDigest(), positiveRate: 0.704, previousPositiveRate: 0.7 };
    expect(field(overview(flat), 'Positive rate')).toBe('70% (= 0 pts vs 70%)');
    const first = { ...bigDigest(), previousPositiveRate: null };
    expect(field(overview(first), 'Positive rate')).toBe('77% (no previous period)');
    const reviews = (hours: number) =>
      field(
        overview({
          ...bigDigest(),
          reviewStats: { ...bigDigest().reviewStats, medianHoursToResolve: hours },
        }),
        'Reviews',
      );
    expect(reviews(0.5)).toBe('12 opened · 9 resolved · 3 open · median 30 min to resolve');
    expect(reviews(72)).toBe('12 opened · 9 resolved · 3 open · median 3 days to resolve');
    expect(reviews(5)).toBe('12 opened · 9 resolved · 3 open · median 5 h to resolve');
  });
});
