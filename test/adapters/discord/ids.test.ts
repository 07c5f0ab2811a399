import { describe, expect, it } from 'vitest';
import {
  CUSTOM_ID_MAX,
  decodeCustomId,
  encodeCustomId,
  type HeedCustomId,
} from '../../../adapters/discord/ids.ts';

const I = '0123456789abcdef01234567';
const R = 'fedcba9876543210fedcba98';

describe('Discord custom_id encoder/decoder', () => {
  const all: HeedCustomId[] = [
    { kind: 'vote', interactionId: I, value: 'up' },
    { kind: 'vote', interactionId: I, value: 'down' },
    { kind: 'why', interactionId: I },
    { kind: 'correct', interactionId: I },
    { kind: 'rate', interactionId: I },
    { kind: 'why-modal', interactionId: I },
    { kind: 'correct-modal', interactionId: I },
    { kind: 'review', reviewId: R, action: 'apply' },
    { kind: 'review', reviewId: R, action: 'instructions' },
    { kind: 'review', reviewId: R, action: 'dismiss' },
    { kind: 'review-modal', reviewId: R, action: 'apply' },
    { kind: 'review-modal', reviewId: R, action: 'instructions' },
  ];

  it('round-trips every id within 100 characters, and every encoding is distinct', () => {
    const encoded = all.map(encodeCustomId);
    for (const [n, id] of all.entries()) {
      expect(encoded[n]!.length).toBeLessThanOrEqual(CUSTOM_ID_MAX);
      expect(decodeCustomId(encoded[n]!)).toEqual(id);
    }
    expect(new Set(encoded).size).toBe(all.length);
    expect(encodeCustomId({ kind: 'vote', interactionId: I, value: 'up' })).toBe(`heed:v:${I}:up`);
  });

  it('returns null for anything that is not exactly one of heed’s ids', () => {
    for (const raw of [
      '',
      'approve',
      'other-bot:v:0123456789abcdef01234567:up',
      `heed:v:${I}`,
      `heed:v:${I}:up:extra`,
      `heed:v:${I}:maybe`,
      `heed:v:${I.toUpperCase()}:up`,
      `heed:v:${I.slice(1)}:up`,
      `heed:v:{"$gt":""}:up`,
      `heed:w:${I}:up`,
      `heed:rv:${R}:delete`,
      `heed:rm:${R}:dismiss`,
      `heed:xx:${I}`,
      `heed:r:${I}:5`,
      `heed:v:${I}:up${' '.repeat(100)}`,
    ])
      expect(decodeCustomId(raw), raw).toBeNull();
  });
});
