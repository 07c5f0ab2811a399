import { HeedError } from './errors.ts';
import { LIMITS } from './schemas.ts';
import { type Actor, PLATFORMS, type Platform } from './types.ts';

/** One person as heed knows them: a platform user id (`slack:U0123ABCD`, `discord:81234…`, `web:…`). */
export interface UserRef {
  platform: Platform;
  userId: string;
}

export function parseUserRef(raw: string): UserRef {
  const at = raw.indexOf(':');
  const platform = raw.slice(0, at) as Platform;
  const userId = raw.slice(at + 1);
  if (at < 1 || !PLATFORMS.includes(platform) || userId.length === 0 || userId.length > LIMITS.userId)
    throw new HeedError(
      'invalid_input',
      `--user must be <platform>:<userId> with platform ${PLATFORMS.join(', ')}, e.g. slack:U0123ABCD`,
    );
  return { platform, userId };
}

export function isActor(a: Partial<Actor> | undefined | null, user: UserRef): boolean {
  return !!a && a.platform === user.platform && a.userId === user.userId;
}
