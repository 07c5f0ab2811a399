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
