import { randomBytes } from 'node:crypto';

/** 24 hex digits, like the MongoDB store's ObjectId strings (the core validates ids in that shape). */
export function newId(): string {
  const time = Math.floor(Date.now() / 1000)
    .toString(16)
    .padStart(8, '0');
  return time + randomBytes(8).toString('hex');
}

/** Values leave and enter the store as copies, as they would through a database. */
export const copy = <T>(value: T): T => structuredClone(value);
