import type { Db, Document, Filter } from 'mongodb';
import type { DataExportSource, ExportFilter } from '../core/ports.ts';
import type { Feedback, InstructionsVersion, Interaction, KnowledgeEntry, Review } from '../core/types.ts';
import { fromDoc, oid } from './docs.ts';

/** Documents per round trip: keeps the export's memory flat whatever the collection size. */
const BATCH = 500;
/** Store-only fields the exports leave out. */
const STORE_FIELDS = ['day', 'negDay', 'openKey'];

function createdFilter(f: ExportFilter, platformField?: string): Filter<Document> {
  const q: Filter<Document> = {};
  if (f.since || f.until)
    q.createdAt = { ...(f.since ? { $gte: f.since } : {}), ...(f.until ? { $lt: f.until } : {}) };
  if (f.platform && platformField) q[platformField] = f.platform;
  return q;
}

async function* mapped<T>(cursor: AsyncIterable<Document>, map: (d: Document) => T): AsyncIterable<T> {
  for await (const d of cursor) yield map(d);
}

const toEntity = <T>(d: Document) => fromDoc<T>(d as never, STORE_FIELDS);
const toReview = (d: Document): Review => {
  const r = toEntity<Review>(d);
  return { ...r, threads: r.threads ?? [], audit: r.audit ?? [] };
};

/** `heed export`'s reads: driver cursors (batched), `_id` lookups; never a whole collection in memory. */
export function createExportSource(db: Db): DataExportSource {
  const col = (name: string) => db.collection(name);
  const find = (name: string, q: Filter<Document>, sort?: Document) => {
    const cursor = col(name).find(q, { batchSize: BATCH });
    return sort ? cursor.sort(sort) : cursor;
  };
  const platformField = { feedback: 'platform', interactions: 'ref.platform' } as const;
  return {
    count(name, filter) {
      if (name === 'knowledge') return col('knowledge').countDocuments({ source: 'correction' });
      return col(name).countDocuments(
        createdFilter(filter, name === 'reviews' ? undefined : platformField[name]),
      );
    },
    feedback: (f) => mapped(find('feedback', createdFilter(f, 'platform')), toEntity<Feedback>),
    feedbackByInteraction: () => mapped(find('feedback', {}, { _id: 1 }), toEntity<Feedback>),
    interactions: (f) =>
      mapped(find('interactions', createdFilter(f, 'ref.platform')), toEntity<Interaction>),
    reviews: (f) => mapped(find('reviews', createdFilter(f)), toReview),
    approvedCorrections: () => mapped(find('knowledge', { source: 'correction' }), toEntity<KnowledgeEntry>),
    feedbackForPattern: (patternKey) => mapped(find('feedback', { patternKey }), toEntity<Feedback>),
    async interaction(id) {
      if (!/^[0-9a-f]{24}$/.test(id)) return null;
      const d = await col('interactions').findOne({ _id: oid(id) });
      return d ? toEntity<Interaction>(d) : null;
    },
    async latestKnowledgeVersion(patternKey) {
      const d = await col('knowledge').find({ patternKey }).sort({ version: -1 }).limit(1).next();
      return (d?.version as number | undefined) ?? 0;
    },
    async instructionsAt(at) {
      const d = await col('instructions')
        .find({ createdAt: { $lte: at } })
        .sort({ version: -1 })
        .limit(1)
        .next();
      if (!d) return null;
      const { _id, ...rest } = d;
      return rest as InstructionsVersion;
    },
  };
}
