import { ObjectId } from 'mongodb';

/** What to remove from a document that heed does not know field by field (digests, rollups, …). */
export interface Needles {
  userId: string;
  /** Replaces the user id, so a person still counts once. */
  tombstone: string;
  /** Their name(s) and free text: replaced by REMOVED. */
  texts: string[];
}

const REMOVED = '[removed]';
/** Shorter needles are replaced only where a whole string equals them (a two-letter name is too common). */
const MIN_SUBSTRING = 4;

function scrubString(s: string, n: Needles): string {
  if (s === n.userId) return n.tombstone;
  if (n.texts.includes(s)) return REMOVED;
  const t = s.trimStart();
  if (t.startsWith('{') || t.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(s);
      const scrubbed = scrubValue(parsed, n);
      if (scrubbed.changed) return JSON.stringify(scrubbed.value);
    } catch {
      // not JSON: treat as text
    }
  }
  let out = s;
  if (n.userId.length >= MIN_SUBSTRING) out = out.split(n.userId).join(n.tombstone);
  for (const text of n.texts) if (text.length >= MIN_SUBSTRING) out = out.split(text).join(REMOVED);
  return out;
}

/** A copy of `v` with every occurrence of the person replaced; `changed` says whether there was any. */
export function scrubValue(v: unknown, n: Needles): { value: unknown; changed: boolean } {
  if (typeof v === 'string') {
    const value = scrubString(v, n);
    return { value, changed: value !== v };
  }
  if (Array.isArray(v)) {
    let changed = false;
    const value = v.map((x) => {
      const r = scrubValue(x, n);
      changed ||= r.changed;
      return r.value;
    });
    return { value, changed };
  }
  if (v && typeof v === 'object' && !(v instanceof Date) && !(v instanceof ObjectId)) {
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return { value: v, changed: false };
    let changed = false;
    const value: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const r = k === '_id' ? { value: x, changed: false } : scrubValue(x, n);
      changed ||= r.changed;
      value[k] = r.value;
    }
    return { value, changed };
  }
  return { value: v, changed: false };
}
