import type { Collection, Db, Document } from 'mongodb';
import { isDuplicateKey } from './docs.ts';
import { type RetryPolicy, withRetry } from './transient.ts';

/** Collection methods that are safe to repeat as they are: upserts by key, idempotent updates, reads. */
const REPEATABLE = new Set([
  'findOne',
  'findOneAndUpdate',
  'updateOne',
  'updateMany',
  'deleteOne',
  'deleteMany',
  'replaceOne',
  'countDocuments',
  'estimatedDocumentCount',
]);

/**
 * Every collection of `db` retries transient failures (connection reset, pool timeout, step-down,
 * a busy embedded server). An insert retried after an attempt that may have landed is checked by its
 * `_id`: finding our own document means the first attempt won, not a duplicate.
 */
export function retryingDb(db: Db, onRetry: (err: unknown) => void, policy?: RetryPolicy): Db {
  const wrapped = new Map<string, Collection>();
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop !== 'collection') return Reflect.get(target, prop, receiver);
      return (name: string) => {
        let col = wrapped.get(name);
        if (!col) {
          col = retryingCollection(target.collection(name), onRetry, policy);
          wrapped.set(name, col);
        }
        return col;
      };
    },
  });
}

function retryingCollection(col: Collection, onRetry: (err: unknown) => void, policy?: RetryPolicy) {
  return new Proxy(col, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      if (prop === 'insertOne')
        return (doc: Document, options?: object) => insertOnce(target, doc, options, onRetry, policy);
      if (typeof prop === 'string' && REPEATABLE.has(prop))
        return (...args: unknown[]) => withRetry(() => value.apply(target, args), onRetry, policy);
      return value.bind(target);
    },
  });
}

async function insertOnce(
  col: Collection,
  doc: Document,
  options: object | undefined,
  onRetry: (err: unknown) => void,
  policy?: RetryPolicy,
) {
  return withRetry(
    async (attempt) => {
      try {
        return await col.insertOne(doc, options);
      } catch (err) {
        // The driver set doc._id on the first attempt; if that attempt landed, the document is ours.
        if (attempt > 1 && isDuplicateKey(err) && doc._id !== undefined) {
          const stored = await col.findOne({ _id: doc._id });
          if (stored && sameDocument(stored, doc)) return { acknowledged: true, insertedId: doc._id };
        }
        throw err;
      }
    },
    onRetry,
    policy,
  );
}

/** Equal as stored: the driver writes `undefined` as null, so both are left out of the comparison. */
function sameDocument(a: Document, b: Document): boolean {
  const plain = (d: Document) => JSON.stringify(d, (_k, v) => (v === null ? undefined : v));
  return plain(a) === plain(b);
}
