import { type Collection, type Db, ObjectId } from 'mongodb';
import { utcDay, utcHour } from '../core/insights/day-summary.ts';
import type { InteractionRepository, NewInteraction } from '../core/ports.ts';
import type { Interaction } from '../core/types.ts';
import { fromDoc, oid } from './docs.ts';

/** Store-only fields: the day and hour buckets insights read by equality. */
const STORE_FIELDS = ['day', 'hour'];

export function createInteractionRepository(db: Db): InteractionRepository {
  const col: Collection = db.collection('interactions');
  return {
    async insert(i: NewInteraction) {
      const _id = new ObjectId();
      await col.insertOne({ _id, ...i, day: utcDay(i.createdAt), hour: utcHour(i.createdAt) });
      return { id: _id.toHexString(), ...i };
    },
    async get(id) {
      const doc = await col.findOne({ _id: oid(id) });
      return doc ? fromDoc<Interaction>(doc, STORE_FIELDS) : null;
    },
    async getMany(ids) {
      // One `_id` lookup each: `$in` is not pushed down by the embedded server and would scan.
      const docs = await Promise.all(
        [...new Set(ids)]
          .filter((id) => ObjectId.isValid(id) && id.length === 24)
          .map((id) => col.findOne({ _id: oid(id) })),
      );
      return docs.flatMap((d) => (d ? [fromDoc<Interaction>(d, STORE_FIELDS)] : []));
    },
    async timesOnDay(day) {
      const docs = await col.find({ day }, { projection: { createdAt: 1 } }).toArray();
      return docs.map((d) => d.createdAt as Date);
    },
    async timesInHour(hour) {
      const docs = await col.find({ hour }, { projection: { createdAt: 1 } }).toArray();
      return docs.map((d) => d.createdAt as Date);
    },
    async setMessageRef(id, ref) {
      const set: Record<string, string> = {};
      for (const [k, v] of Object.entries(ref)) if (typeof v === 'string') set[`ref.${k}`] = v;
      await col.updateOne({ _id: oid(id) }, { $set: set });
    },
    async inThread(threadKey, limit) {
      // Equality only (the embedded server pushes nothing else down); a thread is short, so order here.
      const docs = await col.find({ threadKey }).toArray();
      return docs
        .map((d) => fromDoc<Interaction>(d, STORE_FIELDS))
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
        .slice(0, limit);
    },
  };
}
