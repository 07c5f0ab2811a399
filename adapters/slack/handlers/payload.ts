/** Reads a non-empty string field of an untrusted payload object. */
export function str(obj: unknown, key: string): string | undefined {
  if (typeof obj !== 'object' || obj === null) return undefined;
  const v = (obj as Record<string, unknown>)[key];
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

/** Reads an object field of an untrusted payload object. */
export function obj(value: unknown, key: string): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = (value as Record<string, unknown>)[key];
  return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : undefined;
}

/** Who sent an interactive payload: `user.id`, and the name Slack gives (`name`, else `username`). */
export function payloadUser(body: unknown): { id?: string; name?: string } {
  const user = obj(body, 'user');
  return { id: str(user, 'id'), name: str(user, 'name') ?? str(user, 'username') };
}

/** An id from a payload as a log field: whatever was sent, cut short so a forged one cannot flood the log. */
export const logId = (id: unknown): string => String(id).slice(0, 80);
