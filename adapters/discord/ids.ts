import { IdSchema } from '../../src/core/schemas.ts';

/** Discord's limit for button, select and modal ids. */
export const CUSTOM_ID_MAX = 100;

type ReviewAction = 'apply' | 'instructions' | 'dismiss';

/** Components on an answer message and on the ephemeral follow-ups. */
export type AnswerControlId =
  | { kind: 'vote'; interactionId: string; value: 'up' | 'down' }
  | { kind: 'why'; interactionId: string }
  | { kind: 'correct'; interactionId: string };
export type ReviewButtonId = { kind: 'review'; reviewId: string; action: ReviewAction };
export type ButtonId = AnswerControlId | ReviewButtonId;
export type SelectId = { kind: 'rate'; interactionId: string };
export type ModalId =
  | { kind: 'why-modal'; interactionId: string }
  | { kind: 'correct-modal'; interactionId: string }
  | { kind: 'review-modal'; reviewId: string; action: Exclude<ReviewAction, 'dismiss'> };
export type HeedCustomId = ButtonId | SelectId | ModalId;

const PREFIX = 'heed';
const CODES = {
  vote: 'v',
  why: 'w',
  correct: 'c',
  review: 'rv',
  rate: 'r',
  'why-modal': 'wm',
  'correct-modal': 'cm',
  'review-modal': 'rm',
} as const satisfies Record<HeedCustomId['kind'], string>;

/** `heed:<code>:<24-hex id>[:<arg>]` — short, and only the ids heed hands out. */
export function encodeCustomId(id: HeedCustomId): string {
  const parts: string[] = [PREFIX, CODES[id.kind], 'reviewId' in id ? id.reviewId : id.interactionId];
  if (id.kind === 'vote') parts.push(id.value);
  if (id.kind === 'review' || id.kind === 'review-modal') parts.push(id.action);
  const out = parts.join(':');
  if (out.length > CUSTOM_ID_MAX) throw new Error(`custom_id longer than ${CUSTOM_ID_MAX} characters`);
  return out;
}

/** Parses one of heed's ids; anything else (another bot's id, a tampered id) is `null`, never an error. */
export function decodeCustomId(raw: string): HeedCustomId | null {
  if (typeof raw !== 'string' || raw.length > CUSTOM_ID_MAX) return null;
  const [prefix, code, id, arg, ...rest] = raw.split(':');
  if (prefix !== PREFIX || rest.length > 0 || !IdSchema.safeParse(id).success) return null;
  const ref = id as string;
  switch (code) {
    case CODES.vote:
      return arg === 'up' || arg === 'down' ? { kind: 'vote', interactionId: ref, value: arg } : null;
    case CODES.review:
      return arg === 'apply' || arg === 'instructions' || arg === 'dismiss'
        ? { kind: 'review', reviewId: ref, action: arg }
        : null;
    case CODES['review-modal']:
      return arg === 'apply' || arg === 'instructions'
        ? { kind: 'review-modal', reviewId: ref, action: arg }
        : null;
  }
  if (arg !== undefined) return null;
  switch (code) {
    case CODES.why:
      return { kind: 'why', interactionId: ref };
    case CODES.correct:
      return { kind: 'correct', interactionId: ref };
    case CODES.rate:
      return { kind: 'rate', interactionId: ref };
    case CODES['why-modal']:
      return { kind: 'why-modal', interactionId: ref };
    case CODES['correct-modal']:
      return { kind: 'correct-modal', interactionId: ref };
    default:
      return null;
  }
}

export function isButtonId(id: HeedCustomId): id is ButtonId {
  return id.kind === 'vote' || id.kind === 'why' || id.kind === 'correct' || id.kind === 'review';
}
export function isSelectId(id: HeedCustomId): id is SelectId {
  return id.kind === 'rate';
}
export function isModalId(id: HeedCustomId): id is ModalId {
  return id.kind === 'why-modal' || id.kind === 'correct-modal' || id.kind === 'review-modal';
}
