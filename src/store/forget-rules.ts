import { randomBytes } from 'node:crypto';
import type { ForgetCounts } from '../core/ports.ts';
import type { Actor } from '../core/types.ts';
import type { UserRef } from '../core/user-ref.ts';

/** The rules of `heed forget` that the MongoDB store and the in-memory store both apply. */

/** One random id per forgotten person: their records keep counting as one person, under no name. */
export const newTombstone = (): string => `forgotten-${randomBytes(6).toString('hex')}`;

/** The actor under the tombstone: platform and moderator flag kept, id replaced, name gone. */
export const tombActor = (a: Actor, tombstone: string): Actor => ({
  platform: a.platform,
  userId: tombstone,
  ...(a.isModerator !== undefined ? { isModerator: a.isModerator } : {}),
});

/** What a forgotten record carries instead of its text. */
export const forgottenMark = (now: Date) => ({ redactedAt: now, redacted: 'forgotten' as const });

export const noForgetCounts = (): ForgetCounts => ({
  interactions: 0,
  feedback: 0,
  reviews: 0,
  resolutions: 0,
  knowledge: 0,
  instructions: 0,
  deliveries: 0,
  other: 0,
});

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** De-duplication keys that name the user (e.g. `slack:action:<userId>:…`): these are simply dropped. */
export const userDeliveryKeys = (user: UserRef): RegExp =>
  new RegExp(`^${escapeRegex(user.platform)}:[^:]+:${escapeRegex(user.userId)}:`);
