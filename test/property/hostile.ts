import fc from 'fast-check';
import { HeedError } from '../../src/core/errors.ts';
import type { FeedbackStore } from '../../src/core/ports.ts';

/** Keys an attacker puts into JSON: prototype pollution and MongoDB query operators. */
export const HOSTILE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  '$where',
  '$gt',
  '$ne',
  '$regex',
  '$expr',
  '$set',
  'toString',
] as const;

export const hexId = fc.stringMatching(/^[0-9a-f]{24}$/);

/** A string that is huge (tens of kilobytes), cheap to generate. */
export const hugeString = fc
  .tuple(fc.string({ maxLength: 8 }), fc.integer({ min: 5_000, max: 70_000 }))
  .map(([s, n]) => (s || 'x').repeat(Math.ceil(n / Math.max(1, s.length))));

const operatorObject = fc
  .tuple(fc.constantFrom(...HOSTILE_KEYS), fc.oneof(fc.string(), fc.integer(), fc.constant(null)))
  .map(([k, v]) => Object.fromEntries([[k, v]]) as Record<string, unknown>);

const scalar = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  hexId,
  fc.constantFrom(
    'up',
    'down',
    'vote',
    'rating',
    'correction',
    'dismiss',
    'apply_correction',
    'slack',
    'web',
    // Object.prototype's members: a lookup in a plain object finds them for any string key.
    'valueOf',
    'toString',
    'hasOwnProperty',
    'constructor',
    '__proto__',
  ),
);

/**
 * Any JSON-ish value with hostile keys at any depth. Objects are built with Object.fromEntries, as
 * JSON.parse builds them: `__proto__` becomes an own key, never the prototype.
 */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    hugeString,
    operatorObject,
    // A `length` that is no number ({length: {toString: null}}): a length check that compares it throws.
    operatorObject.map((o) => Object.fromEntries([['length', o]])),
    fc.array(tie('value'), { maxLength: 4 }),
    fc
      .array(fc.tuple(fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string()), tie('value')), {
        maxLength: 4,
      })
      .map((entries) => Object.fromEntries(entries)),
  ),
})).value;

/**
 * An object with the given (valid) field values, where any field may be swapped for a hostile value or
 * dropped, plus hostile extra keys.
 */
export function hostileObject(
  valid: Record<string, fc.Arbitrary<unknown>>,
): fc.Arbitrary<Record<string, unknown>> {
  const fields = Object.entries(valid).map(([k, arb]) =>
    fc.oneof(
      arb.map((v) => [k, v] as const),
      hostileValue.map((v) => [k, v] as const),
      fc.constant(null),
    ),
  );
  const extra = fc.array(fc.tuple(fc.constantFrom(...HOSTILE_KEYS), hostileValue), { maxLength: 2 });
  return fc
    .tuple(fc.tuple(...fields), extra)
    .map(([picked, more]) =>
      Object.fromEntries([...picked.filter((p): p is readonly [string, unknown] => p !== null), ...more]),
    );
}

/** Paths of keys in `value` that must never reach a query: `$…` and prototype keys. */
export function dangerousKeys(value: unknown, path = '', seen = new Set<unknown>()): string[] {
  if (value === null || typeof value !== 'object' || seen.has(value)) return [];
  seen.add(value);
  if (value instanceof Date || value instanceof RegExp || Buffer.isBuffer(value)) return [];
  const out: string[] = [];
  for (const key of Object.keys(value)) {
    if (key.startsWith('$') || key === '__proto__' || key === 'constructor' || key === 'prototype')
      out.push(`${path}.${key}`);
    out.push(...dangerousKeys((value as Record<string, unknown>)[key], `${path}.${key}`, seen));
  }
  return out;
}

/** Runs `fn`; a thrown error must be a HeedError. Returns the value or the error. */
export function heedOrValue<T>(fn: () => T): { ok: true; value: T } | { ok: false; error: HeedError } {
  try {
    return { ok: true, value: fn() };
  } catch (err) {
    if (err instanceof HeedError) return { ok: false, error: err };
    throw new Error(`threw a non-HeedError: ${String(err)}`, { cause: err });
  }
}

export async function heedOrValueAsync<T>(
  fn: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: HeedError }> {
  try {
    return { ok: true, value: await fn() };
  } catch (err) {
    if (err instanceof HeedError) return { ok: false, error: err };
    throw new Error(`threw a non-HeedError: ${String(err)}`, { cause: err });
  }
}

/** Object.prototype must look exactly as it did before a parser ran. */
export function prototypeIsClean(): boolean {
  const probe = {} as Record<string, unknown>;
  return (
    Object.keys(Object.prototype).length === 0 &&
    probe.polluted === undefined &&
    probe.isModerator === undefined &&
    typeof probe.toString === 'function'
  );
}

/**
 * The real store, observed: every argument that reaches a repository method is checked for `$` and
 * prototype keys (the store itself runs unchanged). `violations` lists what got through.
 */
export function guardedStore(
  store: FeedbackStore,
): FeedbackStore & { violations: string[]; writes: string[] } {
  const violations: string[] = [];
  const writes: string[] = [];
  const wrap = <R extends object>(name: string, repo: R): R =>
    new Proxy(repo, {
      get(target, prop, receiver) {
        const v = Reflect.get(target, prop, receiver);
        if (typeof v !== 'function') return v;
        return (...args: unknown[]) => {
          const bad = dangerousKeys(args);
          if (bad.length > 0) violations.push(`${name}.${String(prop)}: ${bad.join(', ')}`);
          if (
            !/^(get|find|list|recent|current|latest|for|in|count|history|signature|audit|on|opened|closed|negative)/.test(
              String(prop),
            )
          )
            writes.push(`${name}.${String(prop)}`);
          return v.apply(target, args);
        };
      },
    });
  const guarded = {
    ...store,
    interactions: wrap('interactions', store.interactions),
    feedback: wrap('feedback', store.feedback),
    reviews: wrap('reviews', store.reviews),
    knowledge: wrap('knowledge', store.knowledge),
    instructions: wrap('instructions', store.instructions),
    deliveries: wrap('deliveries', store.deliveries),
    rollups: wrap('rollups', store.rollups),
    violations,
    writes,
  };
  return guarded as FeedbackStore & { violations: string[]; writes: string[] };
}
