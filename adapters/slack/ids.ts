import { IdSchema } from '../../src/core/schemas.ts';
import type { ResolutionAction } from '../../src/core/types.ts';

/**
 * The one codec for everything heed puts into Slack and gets back: action ids, button / option values
 * and modal callback ids + private_metadata. Parsers say "not mine" (null) instead of throwing, and no
 * interaction or review id leaves them unvalidated.
 */
export const ACTION = {
  vote: 'heed_vote',
  correct: 'heed_correct',
  rate: 'heed_rate',
  why: 'heed_why',
  apply: 'heed_review_apply',
  instructions: 'heed_review_instructions',
  dismiss: 'heed_review_dismiss',
} as const;

export const VIEW = {
  correction: 'heed_correction',
  reasons: 'heed_reasons',
  resolve: 'heed_resolve',
} as const;

/** Every action id / callback id of heed starts with this; Bolt routes on it. */
export const HEED_PREFIX = /^heed_/;
/** Anything else: acknowledged and ignored, so Slack is not left waiting for a 3-second timeout. */
export const NOT_HEED = /^(?!heed_)/;

export type SlackAction =
  | { kind: 'vote'; value: 'up' | 'down'; interactionId: string }
  | { kind: 'correct'; interactionId: string }
  | { kind: 'rate'; value: number; interactionId: string }
  | { kind: 'why'; interactionId: string }
  | { kind: 'review'; action: ResolutionAction; reviewId: string };

/** A Map, not an object literal: an action id such as `valueOf` or `__proto__` must not find a prototype member. */
const REVIEW_ACTIONS = new Map<string, ResolutionAction>([
  [ACTION.apply, 'apply_correction'],
  [ACTION.instructions, 'update_instructions'],
  [ACTION.dismiss, 'dismiss'],
]);

const isId = (s: unknown): s is string => IdSchema.safeParse(s).success;

export const voteValue = (value: 'up' | 'down', interactionId: string) => `${value}:${interactionId}`;
export const rateValue = (value: number, interactionId: string) => `${value}:${interactionId}`;

export function reviewActionId(action: ResolutionAction): string {
  return action === 'apply_correction'
    ? ACTION.apply
    : action === 'update_instructions'
      ? ACTION.instructions
      : ACTION.dismiss;
}

/** Decodes a clicked element; null when the action is not heed's or its value was tampered with. */
export function parseAction(actionId: unknown, value: unknown): SlackAction | null {
  if (typeof actionId !== 'string' || typeof value !== 'string' || value.length > 100) return null;
  switch (actionId) {
    case ACTION.vote: {
      const [v, id, ...rest] = value.split(':');
      if (rest.length > 0 || (v !== 'up' && v !== 'down') || !isId(id)) return null;
      return { kind: 'vote', value: v, interactionId: id };
    }
    case ACTION.rate: {
      const [v, id, ...rest] = value.split(':');
      if (rest.length > 0 || !/^[1-5]$/.test(v ?? '') || !isId(id)) return null;
      return { kind: 'rate', value: Number(v), interactionId: id };
    }
    case ACTION.correct:
    case ACTION.why:
      if (!isId(value)) return null;
      return { kind: actionId === ACTION.correct ? 'correct' : 'why', interactionId: value };
    default: {
      const action = REVIEW_ACTIONS.get(actionId);
      return action && isId(value) ? { kind: 'review', action, reviewId: value } : null;
    }
  }
}

/** What a modal remembers between views.open and view_submission (private_metadata, ≤ 3000 chars). */
export type ModalMeta =
  | { kind: 'correction'; interactionId: string; channelId?: string; threadTs?: string }
  | { kind: 'reasons'; interactionId: string; channelId?: string; threadTs?: string }
  | { kind: 'resolve'; action: ResolutionAction; reviewId: string; channelId?: string };

const CHANNEL = /^[CGD][A-Z0-9]{1,30}$/;
const TS = /^\d{1,12}\.\d{1,9}$/;

export function callbackIdFor(meta: ModalMeta): string {
  return VIEW[meta.kind];
}

export function encodeMeta(meta: ModalMeta): string {
  return JSON.stringify(meta);
}

/** Decodes a submitted modal; null when it is not heed's or its metadata does not validate. */
export function parseMeta(callbackId: unknown, privateMetadata: unknown): ModalMeta | null {
  if (typeof callbackId !== 'string' || typeof privateMetadata !== 'string') return null;
  if (privateMetadata.length > 3000) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(privateMetadata);
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const m = raw as Record<string, unknown>;
  // A non-string kind (e.g. an object with its own `toString`) is never used as a property key.
  if (
    m.kind !== undefined &&
    (typeof m.kind !== 'string' || VIEW[m.kind as ModalMeta['kind']] !== callbackId)
  )
    return null;
  const channelId = typeof m.channelId === 'string' && CHANNEL.test(m.channelId) ? m.channelId : undefined;
  const threadTs = typeof m.threadTs === 'string' && TS.test(m.threadTs) ? m.threadTs : undefined;
  if (callbackId === VIEW.correction || callbackId === VIEW.reasons) {
    if (!isId(m.interactionId)) return null;
    const kind = callbackId === VIEW.correction ? 'correction' : 'reasons';
    return { kind, interactionId: m.interactionId, channelId, threadTs };
  }
  if (callbackId === VIEW.resolve) {
    const action = [...REVIEW_ACTIONS.values()].find((a) => a === m.action);
    if (!action || !isId(m.reviewId)) return null;
    return { kind: 'resolve', action, reviewId: m.reviewId, channelId };
  }
  return null;
}
