import { z } from 'zod';
import { LIMITS, parseOrThrow } from '../../../src/core/schemas.ts';

/** The playground's stand-in for a platform account: picked in the page's user switcher. */
const WebUserSchema = z.object({
  userId: z
    .string()
    .min(1)
    .max(LIMITS.userId)
    .regex(/^[A-Za-z0-9_.@-]+$/, 'must be letters, digits, _ . @ or -'),
  userName: z.string().trim().max(LIMITS.userName).optional(),
});

export interface WebUser {
  userId: string;
  userName?: string;
}

export function parseUser(body: Record<string, unknown>): WebUser {
  const user = parseOrThrow(WebUserSchema, { userId: body.userId, userName: body.userName }, 'user');
  return { userId: user.userId, userName: user.userName || undefined };
}

/** Copies only the named keys that are present, so the core's strict schemas see exactly what was sent. */
export function pick(body: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (body[k] !== undefined) out[k] = body[k];
  return out;
}
