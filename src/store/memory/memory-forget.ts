import type { ForgetCounts } from '../../core/ports.ts';
import { isActor, type UserRef } from '../../core/user-ref.ts';
import { feedbackId } from '../feedback-repo.ts';
import { forgottenMark, newTombstone, noForgetCounts, tombActor, userDeliveryKeys } from '../forget-rules.ts';
import { type Needles, scrubValue } from '../privacy-scrub.ts';
import type { MemoryTables } from './tables.ts';

/** Replaces `value` by its scrubbed copy when the person appears in it; true when it did. */
function scrubIn<K, V>(map: Map<K, V>, key: K, value: V, needles: Needles): boolean {
  const r = scrubValue(value, needles);
  if (r.changed) map.set(key, r.value as V);
  return r.changed;
}

/** `heed forget` over the in-memory tables: the same rules as the MongoDB store's forgetUser. */
export function memoryForget(t: MemoryTables, user: UserRef, now: Date): ForgetCounts {
  const tombstone = newTombstone();
  const theirs = <T extends { platform: string; userId: string }>(r: T) =>
    r.platform === user.platform && r.userId === user.userId;
  const interactions = [...t.interactions.values()].filter((i) => theirs(i.ref));
  const feedback = [...t.feedback.values()].filter(theirs);
  const texts = new Set<string>();
  const add = (s: unknown) => typeof s === 'string' && s.trim() !== '' && texts.add(s);
  for (const i of interactions) [i.question, i.ref.userName].forEach(add);
  for (const f of feedback) [f.comment, f.userName, f.kind === 'correction' ? f.value : ''].forEach(add);
  const interactionIds = new Set(interactions.map((i) => i.id));
  const questions = new Set(interactions.map((i) => i.question).filter(Boolean));
  const newIds = new Map(
    feedback.map((f) => [
      f.id,
      feedbackId({ interactionId: f.interactionId, kind: f.kind, userId: tombstone }),
    ]),
  );
  const needles: Needles = { userId: user.userId, tombstone, texts: [...texts] };
  const counts = { ...noForgetCounts(), interactions: interactions.length, feedback: feedback.length };
  const mark = forgottenMark(now);

  for (const r of t.reviews.values()) {
    const before = JSON.stringify(r);
    if (r.question && (questions.has(r.question) || interactionIds.has(r.interactionId)))
      r.question = r.patternKey;
    r.audit = r.audit.map((a) =>
      isActor(a.actor, user) ? { ...a, actor: tombActor(a.actor!, tombstone) } : a,
    );
    if (r.resolution && isActor(r.resolution.actor, user))
      r.resolution = { ...r.resolution, actor: tombActor(r.resolution.actor, tombstone) };
    if (JSON.stringify(r) !== before) counts.reviews++;
  }
  for (const [id, res] of t.resolutions)
    if (isActor(res.actor, user)) {
      t.resolutions.set(id, { ...res, actor: tombActor(res.actor, tombstone) });
      counts.resolutions++;
    }
  for (const k of t.knowledge) {
    const before = JSON.stringify(k);
    if (isActor(k.approvedBy, user)) k.approvedBy = tombActor(k.approvedBy!, tombstone);
    if (questions.has(k.question)) k.question = k.patternKey;
    k.sourceFeedbackIds = k.sourceFeedbackIds.map((id) => newIds.get(id) ?? id);
    if (JSON.stringify(k) !== before) counts.knowledge++;
  }
  for (const v of t.instructions)
    if (isActor(v.author, user)) {
      v.author = tombActor(v.author!, tombstone);
      counts.instructions++;
    }
  const keyed = userDeliveryKeys(user);
  for (const key of [...t.deliveries.keys()])
    if (keyed.test(key)) {
      t.deliveries.delete(key);
      counts.deliveries++;
    }
  // Records heed does not know field by field: every string is checked.
  for (const [id, entries] of t.reviewAudit) if (scrubIn(t.reviewAudit, id, entries, needles)) counts.other++;
  for (const [k, d] of t.digests) if (scrubIn(t.digests, k, d, needles)) counts.other++;
  for (const [day, s] of t.rollups) if (scrubIn(t.rollups, day, s, needles)) counts.other++;
  for (const [k, p] of t.embeddingPatterns) if (scrubIn(t.embeddingPatterns, k, p, needles)) counts.other++;

  for (const f of feedback) {
    const { userName: _n, comment: _c, ...rest } = f;
    const id = newIds.get(f.id)!;
    t.feedback.delete(f.id);
    if (t.feedback.has(id)) continue;
    t.feedback.set(id, {
      ...rest,
      id,
      userId: tombstone,
      ...(f.kind === 'correction' ? { value: '' } : {}),
      ...mark,
    } as typeof f);
  }
  for (const i of interactions) {
    const { userName: _n, ...ref } = i.ref;
    Object.assign(i, { ref: { ...ref, userId: tombstone }, question: '', answer: '', ...mark });
  }
  return counts;
}
