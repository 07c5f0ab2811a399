import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FeedbackCore } from '../../src/core/feedback-core.ts';
import {
  FeedbackEventSchema,
  IdSchema,
  parseOrThrow,
  QuestionSchema,
  ResolutionCommandSchema,
  ReviewAttemptSchema,
} from '../../src/core/schemas.ts';
import { REASONS } from '../../src/core/types.ts';
import { openTestStore } from '../helpers/db.ts';
import { fixedAnswerer, memoryLogger } from '../helpers/fakes.ts';
import {
  dangerousKeys,
  guardedStore,
  heedOrValue,
  heedOrValueAsync,
  hexId,
  hostileObject,
  hostileValue,
  hugeString,
  prototypeIsClean,
} from './hostile.ts';

const store = guardedStore(await openTestStore('prop_core'));
const core = new FeedbackCore({ store, answerer: fixedAnswerer(), logger: memoryLogger() });
const interaction = await core.answer('How do I rotate my API key?', { platform: 'web', userId: 'asker' });
const knownIds = fc.oneof(fc.constant(interaction.id), hexId);

const feedbackEvent = hostileObject({
  interactionId: knownIds,
  platform: fc.constantFrom('slack', 'discord', 'web'),
  userId: fc.oneof(fc.constantFrom('u1', 'u2'), fc.string()),
  userName: fc.string(),
  kind: fc.constantFrom('vote', 'correction', 'rating'),
  value: fc.oneof(fc.constantFrom('up', 'down', 1, 5), fc.string()),
  reasons: fc.array(fc.constantFrom(...REASONS, '$where')),
  comment: fc.oneof(fc.string(), hugeString),
});
const actor = hostileObject({
  platform: fc.constantFrom('slack', 'web'),
  userId: fc.string(),
  name: fc.string(),
  isModerator: fc.boolean(),
});
const resolution = hostileObject({
  reviewId: knownIds,
  actor,
  action: fc.constantFrom('apply_correction', 'update_instructions', 'dismiss'),
  text: fc.oneof(fc.string(), hugeString),
  note: fc.string(),
});

describe('core schemas (property)', () => {
  it('every schema answers a HeedError or a value without hostile keys', () => {
    const schemas = [
      [FeedbackEventSchema, feedbackEvent],
      [ResolutionCommandSchema, resolution],
      [ReviewAttemptSchema, resolution],
      [QuestionSchema, fc.oneof(fc.string(), hugeString, hostileValue)],
      [IdSchema, fc.oneof(hexId, hostileValue)],
    ] as const;
    for (const [schema, arb] of schemas)
      fc.assert(
        fc.property(fc.oneof(arb as fc.Arbitrary<unknown>, hostileValue), (raw) => {
          const r = heedOrValue(() => parseOrThrow(schema as never, raw, 'input'));
          if (r.ok) expect(dangerousKeys(r.value)).toEqual([]);
          else expect(r.error.code).toBe('invalid_input');
          expect(prototypeIsClean()).toBe(true);
        }),
        { numRuns: 400 },
      );
  });
});

describe('FeedbackCore with hostile objects (property, real database)', () => {
  it('recordFeedback: a HeedError and nothing written, or a valid write; no hostile key reaches the store', async () => {
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(feedbackEvent, hostileValue), async (raw) => {
        const writes = store.writes.length;
        const r = await heedOrValueAsync(() => core.recordFeedback(raw));
        if (!r.ok) {
          refused++;
          expect(store.writes.slice(writes)).toEqual([]);
        }
        expect(store.violations).toEqual([]);
        expect(prototypeIsClean()).toBe(true);
      }),
      { numRuns: 150 },
    );
    expect(refused).toBeGreaterThan(0);
  });

  it('resolveReview, mayActOnReview, getInteraction and getReviewView refuse hostile input with HeedErrors', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(resolution, hostileValue), hostileValue, async (raw, id) => {
        const writes = store.writes.length;
        const calls: (() => Promise<unknown>)[] = [
          () => core.resolveReview(raw),
          () => core.mayActOnReview(raw),
          () => core.getInteraction(id),
          () => core.getReviewView(id),
        ];
        for (const call of calls) {
          const r = await heedOrValueAsync(call);
          if (!r.ok)
            expect(['invalid_input', 'not_found', 'forbidden', 'already_resolved']).toContain(r.error.code);
        }
        // No review exists for these ids, so nothing may have been written (not even an audit entry).
        expect(store.writes.slice(writes)).toEqual([]);
        expect(store.violations).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});
