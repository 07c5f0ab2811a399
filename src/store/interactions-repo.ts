import type { Collection, Db } from 'mongodb';
import type { InteractionRepository, NewInteraction } from '../core/ports.ts';
import type { Interaction } from '../core/types.ts';
import { fromDoc, oid, oids } from './docs.ts';

export function createInteractionRepository(db: Db): InteractionRepository {
  const col: Collection = db.collection('interactions');
  return {
    async insert(i: NewInteraction) {
      const { insertedId } = await col.insertOne({ ...i });
      return { id: insertedId.toHexString(), ...i };
    },
    async get(id) {
      const doc = await col.findOne({ _id: oid(id) });
      return doc ? fromDoc<Interaction>(doc) : null;
    },
    async getMany(ids) {
      const docs = await col.find({ _id: { $in: oids(ids) } }).toArray();
      return docs.map((d) => fromDoc<Interaction>(d));
    },
    async setMessageRef(id, ref) {
      const set: Record<string, string> = {};
      for (const [k, v] of Object.entries(ref)) if (typeof v === 'string') set[`ref.${k}`] = v;
      await col.updateOne({ _id: oid(id) }, { $set: set });
    },
    countInRange(range) {
      return col.countDocuments({ createdAt: { $gte: range.from, $lt: range.to } });
    },
    async inThread(threadKey, limit) {
      // Equality only (the embedded server pushes nothing else down); a thread is short, so order here.
      const docs = await col.find({ threadKey }).toArray();
      return docs
        .map((d) => fromDoc<Interaction>(d))
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
        .slice(0, limit);
    },
  };
}
