import { type Db, type Document, ObjectId } from 'mongodb';
import { utcDay, utcHour } from '../../src/core/insights/day-summary.ts';
import type { FeedbackStore } from '../../src/core/ports.ts';
import { feedbackId } from '../../src/store/feedback-repo.ts';

export interface BulkInteraction {
  question: string;
  patternKey: string;
  createdAt: Date;
}
export interface BulkReaction {
  interactionId: string;
  patternKey: string;
  userId: string;
  kind: 'vote' | 'correction';
  value: string;
  createdAt: Date;
}

/** A template's fields that hold its creation day or hour get the new document's day or hour. */
function redate(template: Document, at: Date): Document {
  const day = utcDay(template.createdAt as Date);
  const hour = utcHour(template.createdAt as Date);
  const out: Document = { ...template };
  for (const [k, v] of Object.entries(template)) {
    if (v === day) out[k] = utcDay(at);
    if (v === hour) out[k] = utcHour(at);
  }
  return out;
}

/**
 * Direct inserts in the repositories' own document shape, for sizes the write path would take hours
 * for (1M): one document of each kind is written through the repositories first and read back as the
 * template (so day buckets and whatever else they store come out the same), then `insertMany` in
 * batches. No review logic runs: reviews come from the part seeded through the write path.
 */
export async function bulkSeeder(store: FeedbackStore, db: Db) {
  const probe = await store.interactions.insert({
    patternKey: 'bench-template',
    question: 'template',
    answer: 'Seeded answer.',
    ref: { platform: 'slack', userId: 'UTEMPLATE', channelId: 'CGENERAL' },
    answerer: 'seed',
    sources: [],
    failed: false,
    createdAt: new Date('2026-01-01T12:00:00Z'),
  });
  const interactions = db.collection('interactions');
  const feedback = db.collection('feedback');
  const iTemplate = (await interactions.findOne({ _id: new ObjectId(probe.id) }))!;
  const fTemplates = new Map<string, Document>();
  for (const [kind, value] of [
    ['vote', 'up'],
    ['vote', 'down'],
    ['correction', 'Template correction.'],
  ] as const) {
    const write = {
      interactionId: probe.id,
      patternKey: 'bench-template',
      platform: 'slack' as const,
      userId: `UTEMPLATE-${value}`,
      reasons: [],
      ...(kind === 'vote' ? { kind, value } : { kind, value }),
    } as Parameters<FeedbackStore['feedback']['upsert']>[0];
    const { feedback: f } = await store.feedback.upsert(write, new Date('2026-01-01T12:00:00Z'));
    fTemplates.set(kind === 'vote' ? value : kind, (await feedback.findOne({ _id: f.id as never }))!);
    await feedback.deleteOne({ _id: f.id as never });
  }
  await interactions.deleteOne({ _id: new ObjectId(probe.id) });

  return {
    async interactions(items: BulkInteraction[]): Promise<string[]> {
      const docs = items.map((i) => ({
        ...redate(iTemplate, i.createdAt),
        _id: new ObjectId(),
        question: i.question,
        patternKey: i.patternKey,
        createdAt: i.createdAt,
      }));
      for (let k = 0; k < docs.length; k += 1000)
        await interactions.insertMany(docs.slice(k, k + 1000), { ordered: false });
      return docs.map((d) => d._id.toHexString());
    },
    async reactions(items: BulkReaction[]): Promise<void> {
      const docs = items.map((r) => {
        const template = fTemplates.get(r.kind === 'vote' ? r.value : r.kind)!;
        return {
          ...redate(template, r.createdAt),
          _id: feedbackId({ interactionId: r.interactionId, kind: r.kind, userId: r.userId }),
          interactionId: r.interactionId,
          patternKey: r.patternKey,
          userId: r.userId,
          value: r.value,
          createdAt: r.createdAt,
          updatedAt: r.createdAt,
        };
      });
      for (let k = 0; k < docs.length; k += 1000)
        await feedback.insertMany(docs.slice(k, k + 1000) as never[], { ordered: false });
    },
  };
}
