import { type Document, MongoServerError, ObjectId, type WithId } from 'mongodb';
import { BatchedInsertError } from './insert-batcher.ts';

/** Domain ids are ObjectId hex strings; the core validates them before they reach a query. */
export function oid(id: string): ObjectId {
  return ObjectId.createFromHexString(id);
}

/** `{ _id, ...rest }` → `{ id: hex, ...rest }`, dropping store-only fields. */
export function fromDoc<T>(doc: WithId<Document>, drop: readonly string[] = []): T {
  const { _id, ...rest } = doc;
  for (const key of drop) delete rest[key];
  return { id: _id instanceof ObjectId ? _id.toHexString() : String(_id), ...rest } as T;
}

export function isDuplicateKey(err: unknown): boolean {
  return (err instanceof MongoServerError || err instanceof BatchedInsertError) && err.code === 11000;
}

/** Runs `fn`, retrying a few times when a concurrent writer won a unique-index race. */
export async function retryOnDuplicate<T>(fn: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (err) {
      if (!isDuplicateKey(err) || i >= attempts) throw err;
    }
  }
}
