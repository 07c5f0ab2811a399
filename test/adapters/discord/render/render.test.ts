import type { APIEmbed } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { decodeCustomId } from '../../../../adapters/discord/ids.ts';
import { digestMessages } from '../../../../adapters/discord/render/digest-embeds.ts';
import { embedLength } from '../../../../adapters/discord/render/limits.ts';
import {
  REVIEW_COLOURS,
  reviewMessage,
  threadName,
} from '../../../../adapters/discord/render/review-message.ts';
import type { Feedback, Review } from '../../../../src/core/types.ts';
import type { ReviewView } from '../../../../src/core/views.ts';
import { bigDigest, emptyDigest } from '../../../helpers/discord-samples.ts';

const at = new Date('2026-11-02T09:00:00Z');

function hugeView(overrides: Partial<Review> = {}): ReviewView {
  const review: Review = {
    id: '0123456789abcdef01234567',
    patternKey: 'p',
    status: 'open',
    interactionId: 'fedcba9876543210fedcba98',
    question: 'Q'.repeat(4000),
    threads: [],
    audit: [],
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
  const related = Array.from({ length: 50 }, () => ({}) as Feedback);
  return {
    review,
    question: review.question,
    answerExcerpt: 'A'.repeat(500),
    answerSource: `knowledge-base · from “${'T'.repeat(80)}” v2`,
    window: { negative: 9, total: 10, size: 10 },
    reasonCounts: { inaccurate: 40, outdated: 30, incomplete: 20, irrelevant: 10, unsafe: 5, other: 1 },
    corrections: Array.from({ length: 50 }, (_, n) => ({
      feedbackId: String(n),
      text: `${n} ${'c'.repeat(3990)}`,
      userId: `U${n}`,
      userName: `Person ${n}`,
      at,
    })),
    comments: Array.from({ length: 50 }, () => 'm'.repeat(1000)),
    suggestedAction: 'Update knowledge base with corrections',
    priority: 'high',
    related,
  };
}

function expectWithinLimits(embeds: APIEmbed[]) {
  expect(embeds.length).toBeLessThanOrEqual(10);
  expect(embeds.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(6000);
  for (const e of embeds) {
    expect(e.title?.length ?? 0).toBeLessThanOrEqual(256);
    expect(e.description?.length ?? 0).toBeLessThanOrEqual(4096);
    expect(e.fields?.length ?? 0).toBeLessThanOrEqual(25);
    for (const f of e.fields ?? []) {
      expect(f.name.length).toBeGreaterThan(0);
      expect(f.name.length).toBeLessThanOrEqual(256);
      expect(f.value.length).toBeGreaterThan(0);
      expect(f.value.length).toBeLessThanOrEqual(1024);
    }
  }
}

describe('Discord review message', () => {
  it('stays within Discord limits for the largest review, and says how many items it could not show', () => {
    const message = reviewMessage(hugeView());
    expectWithinLimits(message.embeds);
    const embed = message.embeds[0]!;
    expect(embed.color).toBe(REVIEW_COLOURS.high);
    const field = (name: string) => embed.fields!.find((f) => f.name === name)!.value;
    expect(field('Corrections')).toMatch(/…and \d+ more$/);
    expect(field('Comments')).toMatch(/…and \d+ more$/);
    expect(field('Reasons')).toBe(
      'inaccurate ×40, outdated ×30, incomplete ×20, irrelevant ×10, unsafe ×5, other ×1',
    );
    expect(field('Negative feedback')).toBe('9 of the last 10 (window 10)');
    const buttons = message.components[0]!.components.map((c) =>
      decodeCustomId((c as { custom_id: string }).custom_id),
    );
    expect(buttons).toEqual(
      ['apply', 'instructions', 'dismiss'].map((action) => ({
        kind: 'review',
        reviewId: '0123456789abcdef01234567',
        action,
      })),
    );
    expect(threadName(hugeView()).length).toBeLessThanOrEqual(100);
  });

  it('a resolved review shows who did what, when, and has no buttons — still within limits', () => {
    const view = hugeView({
      status: 'resolved',
      resolution: {
        action: 'apply_correction',
        actor: { platform: 'discord', userId: '42', name: 'Mo' },
        at,
        text: 'x'.repeat(4000),
        knowledgeVersion: 3,
      },
    });
    const message = reviewMessage(view);
    expect(message.components).toEqual([]);
    expectWithinLimits(message.embeds);
    expect(message.embeds[0]!.color).toBe(REVIEW_COLOURS.resolved);
    const resolution = message.embeds[0]!.fields!.find((f) => f.name === 'Resolution')!.value;
    expect(resolution).toMatch(
      /^Mo \(<@42>\) applied the correction to the knowledge base \(version 3\)\.\non <t:1793610000:f>\n> x+…$/,
    );
  });
});

describe("Discord review embed: people's words are plain text", () => {
  it('escapes Markdown and neutralises mentions in the question, comments, corrections and the note', () => {
    const hostile = '**bold** <@123> @everyone [x](https://evil.example)';
    const base = hugeView({
      question: hostile,
      status: 'dismissed',
      resolution: {
        action: 'dismiss',
        actor: { platform: 'discord', userId: '42', name: '*Mo*' },
        at,
        note: hostile,
      },
    });
    const view: ReviewView = {
      ...base,
      question: hostile,
      comments: [hostile],
      corrections: [{ feedbackId: 'f', text: hostile, userId: 'U1', userName: '@here', at }],
    };
    const embed = reviewMessage(view).embeds[0]!;
    const shown = [embed.title, embed.description, ...embed.fields!.map((f) => f.value)].join('\n');
    expect(shown).not.toContain('**bold**');
    expect(shown).toContain('\\*\\*bold\\*\\*');
    expect(shown).not.toMatch(/<@123>|@everyone|@here/);
    // The moderator's own mention is heed's, not user text: it stays (allowed_mentions keeps it silent).
    expect(shown).toContain('\\*Mo\\* (<@42>) dismissed this review');
  });
});

describe('Discord digest embeds', () => {
  it('splits a large digest into messages within every Discord limit without dropping items', () => {
    const digest = bigDigest();
    const messages = digestMessages(digest);
    expect(messages.length).toBeGreaterThan(1);
    for (const embeds of messages) expectWithinLimits(embeds);
    const fields = messages.flat().flatMap((e) => e.fields ?? []);
    const count = (prefix: string) => fields.filter((f) => f.name.startsWith(prefix)).length;
    expect(count('Issue ')).toBe(40);
    expect(count('Question ')).toBe(30);
    expect(fields.filter((f) => /^\d+\. \(score/.test(f.name))).toHaveLength(12);
    const overview = messages[0]![0]!;
    expect(overview.title).toBe('Weekly insight digest · 2026-W45');
    const value = (name: string) => overview.fields!.find((f) => f.name === name)!.value;
    expect(value('Positive rate')).toBe('77% (▲ 7 pts vs 70%)');
    expect(value('Trend')).toBe('▁▃ ▅▆▅▇█');
    expect(value('Reviews')).toBe('12 opened · 9 resolved · 3 open · median 5.5 h to resolve');
  });

  it('an empty week says so plainly in one embed', () => {
    const messages = digestMessages(emptyDigest());
    expect(messages).toHaveLength(1);
    expect(messages[0]).toHaveLength(1);
    expect(messages[0]![0]!.description).toContain('No feedback this period.');
  });
});
