import {
  type BulkWriteOptions,
  type Collection,
  type Db,
  type Document,
  type InsertOneOptions,
  MongoBulkWriteError,
} from 'mongodb';
import { isDuplicateKey } from './docs.ts';
import { BatchedInsertError, insertBatcher } from './insert-batcher.ts';
import { isTransient, type RetryPolicy, withRetry } from './transient.ts';

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
 * `_id`: finding our own document means the first attempt won, not a duplicate. Concurrent inserts
 * (without options) into one collection go out together as one unordered `insertMany` (see
 * insert-batcher.ts), each answered as its `insertOne` would be.
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
  const batched = insertBatcher<Document>((docs) => insertManyOnce(col, docs, onRetry, policy));
  return new Proxy(col, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      if (prop === 'insertOne')
        return async (doc: Document, options?: InsertOneOptions) => {
          // With options (a session, a write concern) it goes alone, as it was asked.
          if (options) {
            const [err] = await insertManyOnce(target, [doc], onRetry, policy, options);
            if (err) throw err;
          } else await batched(doc);
          return { acknowledged: true, insertedId: doc._id };
        };
      if (typeof prop === 'string' && REPEATABLE.has(prop))
        return (...args: unknown[]) => withRetry(() => value.apply(target, args), onRetry, policy);
      return value.bind(target);
    },
  });
}

/**
 * Inserts `docs` in one unordered command, each once: its outcome is its own (a duplicate key fails
 * only that one); a transient failure retries the documents not yet settled, and a duplicate met on a
 * retry is checked by `_id` — the driver set it on the first attempt, and finding our own document
 * means that attempt landed.
 */
async function insertManyOnce(
  col: Collection,
  docs: Document[],
  onRetry: (err: unknown) => void,
  policy?: RetryPolicy,
  options?: BulkWriteOptions,
): Promise<(Error | undefined)[]> {
  const outcomes = new Map<number, Error | undefined>();
  // The documents settled before a last failure keep their outcome; the rest fail with it.
  const lastError = await withRetry(
    async (attempt) => {
      const todo = docs.map((_, i) => i).filter((i) => !outcomes.has(i));
      const failed = new Map<number, Error>();
      try {
        await col.insertMany(
          todo.map((i) => docs[i]!),
          { ...options, ordered: false },
        );
      } catch (err) {
        const writeErrors = err instanceof MongoBulkWriteError ? [err.writeErrors].flat() : [];
        if (writeErrors.length === 0) throw err;
        for (const w of writeErrors)
          failed.set(todo[w.index]!, new BatchedInsertError(w.errmsg ?? 'insert failed', w.code));
      }
      let retry: Error | undefined;
      for (const i of todo) {
        const err = failed.get(i);
        if (err && isTransient(err)) retry = err;
        else if (err && attempt > 1 && isDuplicateKey(err) && (await isOurs(col, docs[i]!)))
          outcomes.set(i, undefined);
        else outcomes.set(i, err);
      }
      if (retry) throw retry;
    },
    onRetry,
    policy,
  ).then(
    () => undefined,
    (err: Error) => err,
  );
  return docs.map((_, i) => (outcomes.has(i) ? outcomes.get(i) : lastError));
}

/** Whether the stored document under `doc._id` is `doc` (an earlier attempt of ours landed). */
async function isOurs(col: Collection, doc: Document): Promise<boolean> {
  const stored = await col.findOne({ _id: doc._id });
  return stored !== null && sameDocument(stored, doc);
}

/** Equal as stored: the driver writes `undefined` as null, so both are left out of the comparison. */
function sameDocument(a: Document, b: Document): boolean {
  const plain = (d: Document) => JSON.stringify(d, (_k, v) => (v === null ? undefined : v));
  return plain(a) === plain(b);
}
