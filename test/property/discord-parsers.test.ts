import { Client, ModalSubmitInteraction } from 'discord.js';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CUSTOM_ID_MAX,
  decodeCustomId,
  encodeCustomId,
  type HeedCustomId,
} from '../../adapters/discord/ids.ts';
import { FEEDBACK_FIELDS } from '../../adapters/discord/render/feedback-forms.ts';
import { selectValues, textValue } from '../../adapters/discord/render/form-fields.ts';
import { REVIEW_FIELDS, readAnswer, readInstructions } from '../../adapters/discord/render/review-forms.ts';
import { discordUser, modalSubmit } from '../helpers/discord-payloads.ts';
import { dangerousKeys, heedOrValue, hexId, hostileValue, hugeString, prototypeIsClean } from './hostile.ts';

const ID = /^[0-9a-f]{24}$/;
const part = fc.oneof(
  fc.constantFrom(
    'heed',
    'v',
    'w',
    'c',
    'rv',
    'r',
    'wm',
    'cm',
    'rm',
    'up',
    'down',
    'apply',
    'instructions',
    'dismiss',
  ),
  fc.constantFrom('$gt', '__proto__', 'constructor', ''),
  hexId,
  fc.string({ maxLength: 30 }),
);
const customIds = fc.oneof(
  fc.array(part, { minLength: 1, maxLength: 6 }).map((ps) => ps.join(':')),
  fc.string(),
  hugeString,
  hostileValue,
);

describe('Discord custom ids (property)', () => {
  it('decodeCustomId returns null or a valid id of heed, never throws', () => {
    fc.assert(
      fc.property(customIds, (raw) => {
        const r = heedOrValue(() => decodeCustomId(raw as string));
        expect(r.ok).toBe(true);
        const id = r.ok ? r.value : null;
        if (id === null) return;
        expect(typeof raw === 'string' && raw.length <= CUSTOM_ID_MAX).toBe(true);
        expect(dangerousKeys(id)).toEqual([]);
        expect('reviewId' in id ? id.reviewId : id.interactionId).toMatch(ID);
        // Canonical: decoding and encoding again gives the same string.
        expect(encodeCustomId(id)).toBe(raw);
      }),
      { numRuns: 1000 },
    );
  });

  it('every id heed encodes decodes to itself', () => {
    const ids: fc.Arbitrary<HeedCustomId> = fc.oneof(
      fc.record({
        kind: fc.constant('vote' as const),
        interactionId: hexId,
        value: fc.constantFrom('up' as const, 'down' as const),
      }),
      fc.record({
        kind: fc.constantFrom('why' as const, 'correct' as const, 'rate' as const),
        interactionId: hexId,
      }),
      fc.record({
        kind: fc.constantFrom('why-modal' as const, 'correct-modal' as const),
        interactionId: hexId,
      }),
      fc.record({
        kind: fc.constant('review' as const),
        reviewId: hexId,
        action: fc.constantFrom('apply' as const, 'instructions' as const, 'dismiss' as const),
      }),
      fc.record({
        kind: fc.constant('review-modal' as const),
        reviewId: hexId,
        action: fc.constantFrom('apply' as const, 'instructions' as const),
      }),
    );
    fc.assert(
      fc.property(ids, (id) => {
        expect(decodeCustomId(encodeCustomId(id))).toEqual(id);
      }),
    );
  });
});

const client = new Client({ intents: [] });
afterAll(() => client.destroy());
const FIELDS = [...Object.values(FEEDBACK_FIELDS), ...Object.values(REVIEW_FIELDS)];

/** A modal submit whose components carry hostile values, parsed by the real discord.js. */
const hostileModal = fc
  .array(
    fc.record({
      customId: fc.oneof(fc.constantFrom(...FIELDS), fc.string()),
      type: fc.constantFrom(4, 3, 4, 3, 2, 99),
      value: fc.oneof(fc.string(), hugeString, hostileValue),
      values: fc.oneof(fc.array(fc.oneof(fc.string(), hostileValue), { maxLength: 4 }), hostileValue),
    }),
    { maxLength: 5 },
  )
  .map((fields) => {
    const payload = modalSubmit(discordUser(1), 'heed:cm:0123456789abcdef01234567', {});
    const components = fields.map((f, n) => ({
      type: 18,
      id: n + 1,
      component: { type: f.type, id: 100 + n, custom_id: f.customId, value: f.value, values: f.values },
    }));
    return { ...payload, data: { ...payload.data, components } };
  });

describe('Discord modal fields (property)', () => {
  it('text fields read as strings and selects as string lists, whatever the payload holds', () => {
    fc.assert(
      fc.property(hostileModal, (data) => {
        let i: ModalSubmitInteraction;
        try {
          i = new (
            ModalSubmitInteraction as unknown as new (
              c: Client,
              d: unknown,
            ) => ModalSubmitInteraction
          )(client, data);
        } catch {
          // discord.js itself refused the payload before heed sees it.
          fc.pre(false);
          return;
        }
        for (const f of FIELDS) {
          const text = heedOrValue(() => textValue(i, f));
          expect(text.ok && typeof text.value === 'string').toBe(true);
          const chosen = heedOrValue(() => selectValues(i, f));
          expect(chosen.ok && chosen.value.every((v) => typeof v === 'string')).toBe(true);
        }
        for (const read of [readAnswer, readInstructions]) {
          const r = heedOrValue(() => read(i));
          expect(r.ok && typeof r.value === 'string').toBe(true);
          expect(r.ok && r.value.includes('[object Object]')).toBe(false);
        }
        expect(prototypeIsClean()).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
