import { createHash } from 'node:crypto';
import type { Db, Document } from 'mongodb';
import type { ForgetCounts, PrivacyAuditEntry } from '../core/ports.ts';
import type { FeedbackKind } from '../core/types.ts';
import { isActor, type UserRef } from '../core/user-ref.ts';
import { isDuplicateKey } from './docs.ts';
import { feedbackId } from './feedback-repo.ts';
import { forgottenMark, newTombstone, noForgetCounts, tombActor, userDeliveryKeys } from './forget-rules.ts';
import { type Needles, scrubValue } from './privacy-scrub.ts';

export const PRIVACY_AUDIT = 'privacy_audit';

export type { ForgetCounts } from '../core/ports.ts';

/** Collections handled field by field below; every other one is scrubbed generically. */
const KNOWN = new Set(['interactions', 'feedback', 'reviews', 'resolutions', 'knowledge', 'instructions']);
const SKIP = new Set(['deliveries', 'locks', PRIVACY_AUDIT]);

interface Found {
  interactionIds: Set<string>;
  questions: Set<string>;
  /** Old feedback `_id` → the `_id` it gets under the tombstone. */
  feedbackIds: Map<string, string>;
  needles: Needles;
}

/** What the person left: read first, so that a run cut short finds it all again next time. */
async function gather(db: Db, user: UserRef, tombstone: string): Promise<Found> {
  const texts = new Set<string>();
  const add = (s: unknown) => typeof s === 'string' && s.trim() !== '' && texts.add(s);
  const interactionIds = new Set<string>();
  const questions = new Set<string>();
  for await (const d of db
    .collection('interactions')
    .find({ 'ref.platform': user.platform, 'ref.userId': user.userId })) {
    interactionIds.add(String(d._id));
    if (d.question) questions.add(d.question as string);
    add(d.question);
    add(d.ref?.userName);
  }
  const feedbackIds = new Map<string, string>();
  for await (const d of db.collection('feedback').find({ platform: user.platform, userId: user.userId })) {
    const next = feedbackId({
      interactionId: d.interactionId,
      kind: d.kind as FeedbackKind,
      userId: tombstone,
    });
    feedbackIds.set(String(d._id), next);
    add(d.comment);
    add(d.userName);
    if (d.kind === 'correction') add(d.value);
  }
  return {
    interactionIds,
    questions,
    feedbackIds,
    needles: { userId: user.userId, tombstone, texts: [...texts] },
  };
}

/**
 * `heed forget`: the person's questions, answers to them, comments and corrections lose their text;
 * their id becomes one random tombstone (so counts and rates stay) and their name goes, in every
 * collection. Knowledge approved from their correction stays, without their identity. Feedback is
 * re-keyed, because its `_id` embeds a hash of the user id. Idempotent: a second run finds nothing.
 */
export async function forgetUser(db: Db, user: UserRef, now: Date): Promise<ForgetCounts> {
  const pending = await pendingTombstone(db, user);
  const tombstone = pending.tombstone;
  const found = await gather(db, user, tombstone);
  const counts = noForgetCounts();
  const mark = forgottenMark(now);

  for await (const d of db.collection('reviews').find({})) {
    let changed = false;
    const set: Document = {};
    if (d.question && (found.questions.has(d.question) || found.interactionIds.has(d.interactionId))) {
      set.question = d.patternKey;
      changed = d.question !== d.patternKey;
    }
    const audit = ((d.audit as Document[] | undefined) ?? []).map((a) => {
      if (!isActor(a.actor, user)) return a;
      changed = true;
      return { ...a, actor: tombActor(a.actor, tombstone) };
    });
    if (d.audit) set.audit = audit;
    if (d.resolution && isActor(d.resolution.actor, user)) {
      set.resolution = { ...d.resolution, actor: tombActor(d.resolution.actor, tombstone) };
      changed = true;
    }
    if (!changed) continue;
    await db.collection('reviews').updateOne({ _id: d._id }, { $set: set });
    counts.reviews++;
  }
  counts.resolutions = await retomb(db, 'resolutions', 'actor', user, tombstone);
  for await (const d of db.collection('knowledge').find({})) {
    const set: Document = {};
    if (isActor(d.approvedBy, user)) set.approvedBy = tombActor(d.approvedBy, tombstone);
    if (found.questions.has(d.question)) set.question = d.patternKey;
    const ids = (d.sourceFeedbackIds as string[] | undefined) ?? [];
    if (ids.some((id) => found.feedbackIds.has(id)))
      set.sourceFeedbackIds = ids.map((id) => found.feedbackIds.get(id) ?? id);
    if (Object.keys(set).length === 0) continue;
    await db.collection('knowledge').updateOne({ _id: d._id }, { $set: set });
    counts.knowledge++;
  }
  counts.instructions = await retomb(db, 'instructions', 'author', user, tombstone);
  counts.deliveries = (
    await db.collection('deliveries').deleteMany({ _id: { $regex: userDeliveryKeys(user) } } as Document)
  ).deletedCount;
  counts.other = await scrubOthers(db, found.needles);

  for await (const d of db.collection('feedback').find({ platform: user.platform, userId: user.userId })) {
    const { _id, userName, comment, ...rest } = d;
    const next: Document = {
      ...rest,
      _id:
        found.feedbackIds.get(String(_id)) ??
        feedbackId({ interactionId: rest.interactionId, kind: rest.kind, userId: tombstone }),
      userId: tombstone,
      ...mark,
    };
    if (next.kind === 'correction') next.value = '';
    try {
      await db.collection('feedback').insertOne(next);
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    await db.collection('feedback').deleteOne({ _id });
    counts.feedback++;
  }
  for await (const d of db
    .collection('interactions')
    .find({ 'ref.platform': user.platform, 'ref.userId': user.userId })) {
    await db.collection('interactions').updateOne(
      { _id: d._id },
      {
        $set: { 'ref.userId': tombstone, question: '', answer: '', ...mark },
        $unset: { 'ref.userName': '' },
      },
    );
    counts.interactions++;
  }
  await pending.done();
  return counts;
}

/**
 * The run's tombstone, kept until the run completes: a run cut short and started again gives the rest of
 * the person's documents the same one (so they still count as one person, and no vote is re-keyed twice).
 */
async function pendingTombstone(db: Db, user: UserRef) {
  const col = db.collection<{ _id: string; tombstone: string }>(PRIVACY_AUDIT);
  const _id = `pending-forget:${createHash('sha256').update(`${user.platform}:${user.userId}`).digest('hex')}`;
  const tombstone = newTombstone();
  try {
    await col.insertOne({ _id, tombstone });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
  const kept = (await col.findOne({ _id }))?.tombstone ?? tombstone;
  return { tombstone: kept, done: async () => void (await col.deleteOne({ _id })) };
}

/** Puts the tombstone in `field` (an actor) wherever it is the person; returns how many documents changed. */
async function retomb(db: Db, name: string, field: string, user: UserRef, tombstone: string) {
  let n = 0;
  for await (const d of db.collection(name).find({})) {
    if (!isActor(d[field], user)) continue;
    await db
      .collection(name)
      .updateOne({ _id: d._id }, { $set: { [field]: tombActor(d[field], tombstone) } });
    n++;
  }
  return n;
}

/** Collections heed does not know field by field (digests, rollups, …): every string is checked. */
async function scrubOthers(db: Db, needles: Needles): Promise<number> {
  let changed = 0;
  const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
  for (const name of names.filter((n) => !KNOWN.has(n) && !SKIP.has(n))) {
    for await (const d of db.collection(name).find({})) {
      const r = scrubValue(d, needles);
      if (!r.changed) continue;
      await db.collection(name).replaceOne({ _id: d._id }, r.value as Document);
      changed++;
    }
  }
  return changed;
}

/** Who ran what, when, and how many documents it touched — never whom or what was removed. */
export async function recordPrivacyAudit(db: Db, entry: PrivacyAuditEntry): Promise<string> {
  const { insertedId } = await db.collection(PRIVACY_AUDIT).insertOne({ ...entry });
  return String(insertedId);
}
