import type { Db, Document } from 'mongodb';
import { feedbackRow, interactionRow } from '../core/datasets/flat-rows.ts';
import type { UserDataExport } from '../core/ports.ts';
import type { Actor, Feedback, Interaction } from '../core/types.ts';
import { isActor, type UserRef } from '../core/user-ref.ts';
import { fromDoc } from './docs.ts';

const STORE_FIELDS = ['day', 'negDay', 'openKey'];
const iso = (d: unknown) => new Date(d as Date).toISOString();

/**
 * Everything heed holds about one person, as one JSON-ready document: their questions and the answers
 * they got, their feedback (votes, ratings, comments, suggested corrections), the knowledge entries
 * their feedback led to, and what they did as a moderator. Read through cursors, one collection at a time.
 */
export async function exportUserData(db: Db, user: UserRef, now: Date): Promise<UserDataExport> {
  const interactions = [];
  for await (const d of db
    .collection('interactions')
    .find({ 'ref.platform': user.platform, 'ref.userId': user.userId }))
    interactions.push(interactionRow(fromDoc<Interaction>(d, STORE_FIELDS)));
  const feedback = [];
  const feedbackIds = new Set<string>();
  for await (const d of db.collection('feedback').find({ platform: user.platform, userId: user.userId })) {
    const f = fromDoc<Feedback>(d, STORE_FIELDS);
    feedbackIds.add(f.id);
    feedback.push(feedbackRow(f));
  }
  const knowledgeFromTheirFeedback = [];
  const knowledgeApproved = [];
  for await (const d of db.collection('knowledge').find({})) {
    const entry = {
      id: String(d._id),
      patternKey: d.patternKey as string,
      version: d.version as number,
      question: d.question as string,
      answer: d.answer as string,
      createdAt: iso(d.createdAt),
    };
    if (((d.sourceFeedbackIds as string[] | undefined) ?? []).some((id) => feedbackIds.has(id)))
      knowledgeFromTheirFeedback.push(entry);
    if (isActor(d.approvedBy as Actor | undefined, user)) knowledgeApproved.push(entry);
  }
  const reviewActions = [];
  for await (const d of db.collection('reviews').find({})) {
    for (const a of (d.audit as Document[] | undefined) ?? [])
      if (isActor(a.actor as Actor | undefined, user))
        reviewActions.push({
          reviewId: String(d._id),
          event: a.event as string,
          at: iso(a.at),
          ...(d.resolution && isActor(d.resolution.actor as Actor, user)
            ? {
                action: d.resolution.action,
                text: d.resolution.text ?? null,
                note: d.resolution.note ?? null,
              }
            : {}),
        });
  }
  const instructionsAuthored = [];
  for await (const d of db.collection('instructions').find({}))
    if (isActor(d.author as Actor | undefined, user))
      instructionsAuthored.push({
        version: d.version as number,
        text: d.text as string,
        createdAt: iso(d.createdAt),
      });
  return {
    user: `${user.platform}:${user.userId}`,
    exportedAt: now.toISOString(),
    interactions,
    feedback,
    knowledgeFromTheirFeedback,
    moderatorActions: { reviews: reviewActions, knowledgeApproved, instructionsAuthored },
  };
}
