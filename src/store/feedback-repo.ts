import { createHash } from 'node:crypto';
import type { Collection, Db, Document } from 'mongodb';
import { utcDay, utcHour } from '../core/insights/day-summary.ts';
import type { FeedbackRepository, FeedbackWrite } from '../core/ports.ts';
import { isNegative } from '../core/review-policy.ts';
import type { Feedback } from '../core/types.ts';
import { fromDoc, isDuplicateKey } from './docs.ts';

/** Same vote, same reasons, same comment: a redelivery, not a change. */
function sameContent(doc: Document | null, f: FeedbackWrite): boolean {
  return (
    doc !== null &&
    doc.value === f.value &&
    JSON.stringify(doc.reasons ?? []) === JSON.stringify(f.reasons) &&
    (doc.comment ?? undefined) === f.comment
  );
}

/**
 * The `_id` is derived from (interaction, kind, user): one row per vote slot, enforced by the primary
 * key on every server, and the click path becomes `_id` lookups — the embedded FerretDB answers those
 * from SQLite's primary key, while other filters scan the collection.
 */
export function feedbackId(f: Pick<FeedbackWrite, 'interactionId' | 'kind' | 'userId'>): string {
  return `${f.interactionId}:${f.kind}:${createHash('sha256').update(f.userId).digest('hex').slice(0, 24)}`;
}

const DAY_MS = 86_400_000;
/** Store-only fields: the day and hour buckets insights read by equality. */
const BUCKET_FIELDS = ['day', 'negDay', 'corrDay', 'hour', 'negHour', 'corrHour'];
/** Days of a pattern's feedback read for its trigger window before falling back to all of it. */
const WINDOW_DAYS = 3;
/** A pattern read whole with at most this many rows has its next window read whole, in one query. */
const SMALL_PATTERN = 200;
/** Patterns remembered as small, per process (the oldest noted is forgotten first). */
const SMALL_PATTERNS_KEPT = 10_000;

export function createFeedbackRepository(db: Db): FeedbackRepository {
  const col: Collection<Document & { _id: string }> = db.collection('feedback');
  // Only a hint of where the window's rows come from (one query or up to four): a pattern that grew
  // (here or on another instance) is noticed on its next whole read and goes back to day-first
  // queries. The window is the same either way.
  const small = new Set<string>();
  const readWhole = async (patternKey: string) => {
    const docs = await col.find({ patternKey }).toArray();
    small.delete(patternKey);
    if (docs.length <= SMALL_PATTERN) {
      small.add(patternKey);
      if (small.size > SMALL_PATTERNS_KEPT) small.delete(small.values().next().value!);
    }
    return docs;
  };
  const toFeedback = (d: Document) => fromDoc<Feedback>(d as never, BUCKET_FIELDS);
  /** A vote changed later than the hour it was cast keeps its buckets on that day and hour (rare: a second write). */
  const keepCreationBuckets = async (doc: Document) => {
    const day = doc.day ?? utcDay(doc.createdAt);
    const hour = doc.hour ?? utcHour(doc.createdAt);
    const want: Record<string, string> = { negDay: day, corrDay: day, negHour: hour, corrHour: hour };
    const wrong = Object.keys(want).filter((k) => doc[k] !== undefined && doc[k] !== want[k]);
    if (wrong.length === 0) return;
    for (const k of wrong) doc[k] = want[k];
    await col.updateOne({ _id: doc._id }, { $set: Object.fromEntries(wrong.map((k) => [k, want[k]])) });
  };
  return {
    // One row per (interaction, user, kind). A first vote is one insert. A row that exists is updated
    // only where its content differs, so an identical redelivery writes nothing (its insert attempt
    // meets the primary key, and one read tells it apart); the "before" image tells a change.
    async upsert(f, now) {
      const key = { _id: feedbackId(f) };
      const { comment, userName, ...fields } = f;
      const today = utcDay(now);
      const hour = utcHour(now);
      const negative = isNegative(f);
      const set: Document = {
        ...fields,
        updatedAt: now,
        ...(userName ? { userName } : {}),
        ...(comment ? { comment } : {}),
        ...(negative ? { negDay: today, negHour: hour } : {}),
        ...(f.kind === 'correction' ? { corrDay: today, corrHour: hour } : {}),
      };
      const unset: Document = {
        ...(comment ? {} : { comment: '' }),
        ...(negative ? {} : { negDay: '', negHour: '' }),
      };
      const differs = {
        $or: [
          { value: { $ne: f.value } },
          { reasons: { $ne: f.reasons } },
          comment ? { comment: { $ne: comment } } : { comment: { $exists: true } },
        ],
      };
      const created = { ...key, createdAt: now, day: today, hour, ...set };
      // Most reactions are a first vote: one plain insert (FerretDB's findAndModify reads, then writes).
      try {
        await col.insertOne(created);
        return { feedback: toFeedback(created), status: 'created' };
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
      for (let attempt = 1; ; attempt++) {
        try {
          const before = await col.findOneAndUpdate(
            { ...key, ...differs },
            {
              $set: set,
              ...(Object.keys(unset).length > 0 ? { $unset: unset } : {}),
              // Day and hour buckets (UTC, by creation) are what insights read by equality.
              $setOnInsert: { createdAt: now, day: today, hour },
            },
            { upsert: true, returnDocument: 'before' },
          );
          if (before === null)
            return {
              feedback: toFeedback({ ...key, createdAt: now, ...set }),
              status: 'created',
            };
          const after: Document = { ...before, ...set };
          for (const k of Object.keys(unset)) delete after[k];
          await keepCreationBuckets(after);
          return { feedback: toFeedback(after), status: 'updated' };
        } catch (err) {
          if (!isDuplicateKey(err)) throw err;
          // The row exists with this very content (or a concurrent first vote just created it).
          const existing = await col.findOne(key);
          if (existing && sameContent(existing, f))
            return { feedback: toFeedback(existing), status: 'unchanged' };
          if (attempt >= 5) throw err;
        }
      }
    },
    async linkToReview(id, reviewId) {
      await col.updateOne({ _id: id }, { $set: { reviewId } });
    },
    async forReview(reviewId, kind) {
      const docs = await col
        .find({ reviewId, ...(kind ? { kind } : {}) })
        .sort({ updatedAt: -1 })
        .toArray();
      return docs.map(toFeedback);
    },
    async getMany(ids) {
      // One `_id` lookup each: `$in` is not pushed down by the embedded server and would scan.
      const docs = await Promise.all([...new Set(ids)].map((id) => col.findOne({ _id: id })));
      return docs.flatMap((d) => (d ? [toFeedback(d)] : []));
    },
    async recentForPattern(patternKey, limit, now = new Date()) {
      // The pattern's recent days first (two pushed-down equalities each), so a 👎 reads what the
      // window needs rather than the pattern's whole history; a pattern too quiet for that is read
      // whole. One known to be small is read whole at once, and its days are taken from that read.
      const whole = small.has(patternKey) ? await readWhole(patternKey) : undefined;
      const docs: Document[] = [];
      for (let d = 0; d < WINDOW_DAYS && docs.length < limit; d++) {
        const day = utcDay(new Date(now.getTime() - d * DAY_MS));
        docs.push(
          ...(whole ? whole.filter((x) => x.day === day) : await col.find({ patternKey, day }).toArray()),
        );
      }
      const window = docs.length >= limit ? docs : (whole ?? (await readWhole(patternKey)));
      return window
        .sort((a, b) => b.updatedAt - a.updatedAt || (a._id < b._id ? 1 : a._id > b._id ? -1 : 0))
        .slice(0, limit)
        .map(toFeedback);
    },
    async onDay(day) {
      return (await col.find({ day }).toArray()).map(toFeedback);
    },
    async correctionsOnDay(day) {
      return (await col.find({ corrDay: day }).toArray()).map(toFeedback);
    },
    async negativeOnDay(day) {
      return (await col.find({ negDay: day }).toArray()).map(toFeedback);
    },
    async inHour(hour, part) {
      const field = part === 'negative' ? 'negHour' : part === 'corrections' ? 'corrHour' : 'hour';
      return (await col.find({ [field]: hour }).toArray()).map(toFeedback);
    },
  };
}
