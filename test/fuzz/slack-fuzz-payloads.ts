import fc from 'fast-check';
import { eventCallback, feedbackClick, selectChange, user } from '../helpers/slack-payloads.ts';
import { hostileValue, hugeString } from '../property/hostile.ts';

/**
 * One request of the fuzz run. `expect` says what a valid one must leave in the database; every other
 * kind must change nothing there (they are built so that no mutation can turn them valid again).
 */
export type FuzzCase =
  | {
      kind: 'vote';
      body: string;
      type: string;
      expect: { userId: string; interactionId: string; value: 'up' | 'down' };
    }
  | {
      kind: 'rating';
      body: string;
      type: string;
      expect: { userId: string; interactionId: string; value: number };
    }
  | { kind: 'question'; body: string; type: string; eventId: string; retry: boolean }
  | { kind: 'invalid'; what: string; body: string; type: string; retry?: false };

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';
const form = (payload: unknown) => new URLSearchParams({ payload: JSON.stringify(payload) }).toString();

/** Values that can never be a valid vote value, action id or user id (non-strings and junk strings). */
const notAString = hostileValue.filter((v) => typeof v !== 'string');
const junkValue = fc
  .oneof(hostileValue, hugeString)
  .filter((v) => !(typeof v === 'string' && /^(up|down|[1-5]):[0-9a-f]{24}$/.test(v)));
const junkActionId = fc.oneof(
  notAString,
  fc.string().filter((s) => !s.startsWith('heed_')),
  fc.constantFrom('heed_nope', 'heed_', '$where', '__proto__'),
);

/** A mutation that breaks a click for sure: its action id, its value, its user, its type or its actions. */
function breakClick(click: Record<string, unknown>): fc.Arbitrary<{ what: string; payload: unknown }> {
  const action = (click.actions as Record<string, unknown>[])[0]!;
  const withAction = (patch: Record<string, unknown>) => ({ ...click, actions: [{ ...action, ...patch }] });
  return fc.oneof(
    junkActionId.map((v) => ({ what: 'action id', payload: withAction({ action_id: v }) })),
    junkValue.map((v) => ({
      what: 'value',
      payload: withAction({ value: v, selected_option: { value: v } }),
    })),
    notAString.map((v) => ({ what: 'user id', payload: { ...click, user: { id: v } } })),
    fc.constantFrom(undefined, null, 'x').map((u) => ({ what: 'user', payload: { ...click, user: u } })),
    fc
      .oneof(hostileValue, fc.constant([]))
      .map((a) => ({ what: 'actions', payload: { ...click, actions: a } })),
    fc
      .constantFrom(
        'shortcut',
        'message_action',
        'view_closed',
        'block_suggestion',
        'dialog_submission',
        'interactive_message',
        '$where',
      )
      .map((t) => ({ what: `type ${t}`, payload: { ...click, type: t } })),
  );
}

/** The fuzz mix over the seeded interactions; `n` makes user and event ids unique per case. */
export function fuzzCase(interactions: string[], n: number): fc.Arbitrary<FuzzCase> {
  const interactionId = fc.constantFrom(...interactions);
  const userId = `UF${n}`;
  const vote = fc.tuple(interactionId, fc.constantFrom('up' as const, 'down' as const)).map(([id, v]) => ({
    click: feedbackClick({ user: user(userId) }, `${v}:${id}`) as Record<string, unknown>,
    expect: { userId, interactionId: id, value: v },
  }));
  const rating = fc.tuple(interactionId, fc.integer({ min: 1, max: 5 })).map(([id, v]) => ({
    click: selectChange({ user: user(userId) }, 'heed_rate', `${v}:${id}`) as Record<string, unknown>,
    expect: { userId, interactionId: id, value: v },
  }));
  const mention = (text: string, extra: Record<string, unknown> = {}) =>
    eventCallback(
      {
        type: 'app_mention',
        user: userId,
        text: `<@UBOT> ${text}`,
        channel: 'CFUZZ',
        ts: `17000${n}.0001`,
        ...extra,
      },
      `EvFuzz${n}`,
    );

  return fc.oneof(
    {
      weight: 3,
      arbitrary: vote.map((v) => ({
        kind: 'vote' as const,
        body: form(v.click),
        type: FORM,
        expect: v.expect,
      })),
    },
    {
      weight: 2,
      arbitrary: rating.map((v) => ({
        kind: 'rating' as const,
        body: form(v.click),
        type: FORM,
        expect: v.expect,
      })),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.string({ minLength: 1, maxLength: 80 }).filter((s) => s.trim() !== '' && !s.includes('<')),
          fc.boolean(),
        )
        .map(([q, retry]) => ({
          kind: 'question' as const,
          body: JSON.stringify(mention(`fuzz question ${n} ${q}`)),
          type: JSON_TYPE,
          eventId: `EvFuzz${n}`,
          retry,
        })),
    },
    {
      weight: 4,
      arbitrary: fc
        .oneof(vote, rating)
        .chain((v) => breakClick(v.click))
        .map((m) => ({
          kind: 'invalid' as const,
          what: `click: ${m.what}`,
          body: form(m.payload),
          type: FORM,
        })),
    },
    {
      weight: 2,
      arbitrary: fc
        .oneof(
          notAString.map((t) => mention('typed', { type: t })),
          notAString.map((u) => mention('user', { user: u })),
          fc.constantFrom('bot_message', 'message_changed').map((s) => mention('sub', { subtype: s })),
          hostileValue
            .map((e) => ({ ...mention('no event'), event: e }))
            .filter((b) => typeof (b.event as { type?: unknown })?.type !== 'string'),
        )
        .map((b) => ({ kind: 'invalid' as const, what: 'event', body: JSON.stringify(b), type: JSON_TYPE })),
    },
    {
      weight: 2,
      arbitrary: hostileValue.map((v) => ({
        kind: 'invalid' as const,
        what: 'junk JSON',
        body: JSON.stringify(v) ?? 'null',
        type: JSON_TYPE,
      })),
    },
    {
      weight: 1,
      arbitrary: hostileValue.map((v) => ({
        kind: 'invalid' as const,
        what: 'junk form payload',
        body: form(v),
        type: FORM,
      })),
    },
    {
      weight: 1,
      arbitrary: fc
        .oneof(
          fc.string().map((s) => ({ body: `{"type":"event_callback",${s}`, type: JSON_TYPE })),
          fc.string().map((s) => ({ body: `a=${encodeURIComponent(s)}`, type: FORM })),
          fc.string().map((s) => ({ body: s, type: 'text/plain' })),
        )
        .map((b) => ({ kind: 'invalid' as const, what: 'unparseable', ...b })),
    },
  );
}
