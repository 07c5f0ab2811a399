import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTION, parseAction, parseMeta, rateValue, VIEW, voteValue } from '../../adapters/slack/ids.ts';
import {
  FIELD,
  INPUT,
  readCorrection,
  readReasons,
  readResolution,
  type ViewState,
} from '../../adapters/slack/render/modals.ts';
import { LIMITS } from '../../src/core/schemas.ts';
import { REASONS } from '../../src/core/types.ts';
import {
  dangerousKeys,
  heedOrValue,
  hexId,
  hostileObject,
  hostileValue,
  hugeString,
  prototypeIsClean,
} from './hostile.ts';

const ID = /^[0-9a-f]{24}$/;
const actionIds = fc.oneof(fc.constantFrom(...Object.values(ACTION)), hostileValue);
const clickValues = fc.oneof(
  hostileValue,
  hugeString,
  hexId,
  fc
    .tuple(fc.constantFrom('up', 'down', '1', '5', '0', '6', '$gt', '__proto__'), hexId, fc.string())
    .map(([a, b, c]) => (c ? `${a}:${b}:${c}` : `${a}:${b}`)),
);
const actions = ['apply_correction', 'update_instructions', 'dismiss'] as const;

describe('Slack action values (property)', () => {
  it('parseAction returns null or a valid action, never throws, lets no hostile key through', () => {
    fc.assert(
      fc.property(actionIds, clickValues, (actionId, value) => {
        const r = heedOrValue(() => parseAction(actionId, value));
        expect(r.ok).toBe(true);
        const a = r.ok ? r.value : null;
        if (a === null) return;
        expect(dangerousKeys(a)).toEqual([]);
        if (a.kind === 'review') {
          expect(a.reviewId).toMatch(ID);
          expect(actions).toContain(a.action);
        } else {
          expect(a.interactionId).toMatch(ID);
          if (a.kind === 'vote') expect(['up', 'down']).toContain(a.value);
          if (a.kind === 'rate') expect([1, 2, 3, 4, 5]).toContain(a.value);
        }
        expect(prototypeIsClean()).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('what heed encodes, heed decodes', () => {
    fc.assert(
      fc.property(
        hexId,
        fc.constantFrom('up' as const, 'down' as const),
        fc.integer({ min: 1, max: 5 }),
        (id, v, n) => {
          expect(parseAction(ACTION.vote, voteValue(v, id))).toEqual({
            kind: 'vote',
            value: v,
            interactionId: id,
          });
          expect(parseAction(ACTION.rate, rateValue(n, id))).toEqual({
            kind: 'rate',
            value: n,
            interactionId: id,
          });
        },
      ),
    );
  });
});

const meta = hostileObject({
  kind: fc.constantFrom('correction', 'reasons', 'resolve'),
  interactionId: hexId,
  reviewId: hexId,
  action: fc.constantFrom(...actions),
  channelId: fc.constantFrom('C123', 'D9', 'not a channel'),
  threadTs: fc.constantFrom('1700000000.000100', '1.2.3'),
});

describe('Slack modal metadata and state (property)', () => {
  it('parseMeta returns null or metadata with only known keys and valid ids', () => {
    const callbackIds = fc.oneof(fc.constantFrom(...Object.values(VIEW)), hostileValue);
    const metadata = fc.oneof(
      meta.map((m) => JSON.stringify(m)),
      hostileValue,
      hugeString,
    );
    fc.assert(
      fc.property(callbackIds, metadata, (callbackId, privateMetadata) => {
        const r = heedOrValue(() => parseMeta(callbackId, privateMetadata));
        expect(r.ok).toBe(true);
        const m = r.ok ? r.value : null;
        if (m === null) return;
        expect(dangerousKeys(m)).toEqual([]);
        const allowed = ['kind', 'interactionId', 'reviewId', 'action', 'channelId', 'threadTs'];
        expect(Object.keys(m).every((k) => allowed.includes(k))).toBe(true);
        if (m.kind === 'resolve') expect(m.reviewId).toMatch(ID);
        else expect(m.interactionId).toMatch(ID);
        if (m.channelId !== undefined) expect(m.channelId).toMatch(/^[CGD][A-Z0-9]+$/);
        expect(prototypeIsClean()).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('found by the property: a kind whose own toString is not a function is refused, not thrown', () => {
    expect(
      parseMeta(VIEW.resolve, '{"kind":{"toString":1},"reviewId":"0123456789abcdef01234567"}'),
    ).toBeNull();
  });

  const input = (v: fc.Arbitrary<unknown>) =>
    fc.oneof(
      v.map((value) => ({ [INPUT]: { value } })),
      hostileValue,
    );
  const state = fc.oneof(
    hostileObject({
      [FIELD.text]: input(fc.oneof(fc.string(), hugeString)),
      [FIELD.comment]: input(fc.string()),
      [FIELD.note]: input(fc.string()),
      heed_text_1: input(fc.string()),
      [FIELD.reasons]: fc.oneof(
        fc.array(fc.constantFrom(...REASONS, '$where', '__proto__')).map((vs) => ({
          [INPUT]: { selected_options: vs.map((value) => ({ value })) },
        })),
        hostileValue.map((selected_options) => ({ [INPUT]: { selected_options } })),
      ),
    }),
    hostileValue,
  );

  it('the readers answer a value within the limits or field errors, never throw', () => {
    fc.assert(
      fc.property(state, fc.constantFrom(...actions), (raw, action) => {
        const s = (raw ?? {}) as ViewState;
        for (const r of [
          heedOrValue(() => readCorrection(s)),
          heedOrValue(() => readReasons(s)),
          heedOrValue(() => readResolution(action, s)),
        ]) {
          expect(r.ok).toBe(true);
          if (!r.ok) continue;
          const checked = r.value;
          if (!checked.ok) {
            for (const msg of Object.values(checked.errors)) expect(typeof msg).toBe('string');
            continue;
          }
          expect(dangerousKeys(checked.value)).toEqual([]);
          const v = checked.value as { reasons?: unknown[]; comment?: string; text?: string; note?: string };
          if (typeof checked.value === 'string')
            expect(checked.value.length).toBeLessThanOrEqual(LIMITS.correction);
          if (v.reasons)
            expect(v.reasons.every((x) => (REASONS as readonly unknown[]).includes(x))).toBe(true);
          if (v.comment !== undefined) expect(v.comment.length).toBeLessThanOrEqual(LIMITS.comment);
          if (v.note !== undefined) expect(v.note.length).toBeLessThanOrEqual(LIMITS.note);
          if (v.text !== undefined) expect(typeof v.text).toBe('string');
        }
        expect(prototypeIsClean()).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
