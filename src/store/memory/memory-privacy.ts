import { feedbackRow, interactionRow } from '../../core/datasets/flat-rows.ts';
import type { PrivacyRepository, UserDataExport, UserKnowledgeRow } from '../../core/ports.ts';
import type { KnowledgeEntry } from '../../core/types.ts';
import { isActor, type UserRef } from '../../core/user-ref.ts';
import { copy, newId } from './ids.ts';
import { memoryForget } from './memory-forget.ts';
import type { MemoryTables } from './tables.ts';

const DAY_MS = 86_400_000;

const knowledgeRow = (k: KnowledgeEntry): UserKnowledgeRow => ({
  id: k.id,
  patternKey: k.patternKey,
  version: k.version,
  question: k.question,
  answer: k.answer,
  createdAt: new Date(k.createdAt).toISOString(),
});

function exportUser(t: MemoryTables, user: UserRef, now: Date): UserDataExport {
  const theirs = (r: { platform: string; userId: string }) =>
    r.platform === user.platform && r.userId === user.userId;
  const feedback = [...t.feedback.values()].filter(theirs);
  const feedbackIds = new Set(feedback.map((f) => f.id));
  const reviews: UserDataExport['moderatorActions']['reviews'] = [];
  for (const r of t.reviews.values())
    for (const a of r.audit)
      if (isActor(a.actor, user))
        reviews.push({
          reviewId: r.id,
          event: a.event,
          at: new Date(a.at).toISOString(),
          ...(r.resolution && isActor(r.resolution.actor, user)
            ? {
                action: r.resolution.action,
                text: r.resolution.text ?? null,
                note: r.resolution.note ?? null,
              }
            : {}),
        });
  return {
    user: `${user.platform}:${user.userId}`,
    exportedAt: now.toISOString(),
    interactions: [...t.interactions.values()].filter((i) => theirs(i.ref)).map(interactionRow),
    feedback: feedback.map(feedbackRow),
    knowledgeFromTheirFeedback: t.knowledge
      .filter((k) => k.sourceFeedbackIds.some((id) => feedbackIds.has(id)))
      .map(knowledgeRow),
    moderatorActions: {
      reviews,
      knowledgeApproved: t.knowledge.filter((k) => isActor(k.approvedBy, user)).map(knowledgeRow),
      instructionsAuthored: t.instructions
        .filter((v) => isActor(v.author, user))
        .map((v) => ({ version: v.version, text: v.text, createdAt: new Date(v.createdAt).toISOString() })),
    },
  };
}

/** The privacy port over the in-memory tables (the same rules as the MongoDB store's). */
export function memoryPrivacy(t: MemoryTables): PrivacyRepository {
  return {
    async forgetUser(user, now) {
      return memoryForget(t, user, now);
    },
    async exportUser(user, now) {
      return exportUser(t, user, now);
    },
    async redactOldText(now, days, opts = {}) {
      const cutoff = new Date(now.getTime() - days * DAY_MS);
      const interactions = [...t.interactions.values()].filter(
        (i) => i.createdAt < cutoff && (i.question !== '' || i.answer !== ''),
      );
      const feedback = [...t.feedback.values()].filter(
        (f) =>
          f.updatedAt < cutoff && (f.comment !== undefined || (f.kind === 'correction' && f.value !== '')),
      );
      if (!opts.dryRun) {
        const mark = { redactedAt: now, redacted: 'retention' as const };
        for (const i of interactions) Object.assign(i, { question: '', answer: '', ...mark });
        for (const f of feedback) {
          delete f.comment;
          Object.assign(f, f.kind === 'correction' ? { value: '', ...mark } : mark);
        }
      }
      return {
        cutoff,
        dryRun: opts.dryRun === true,
        interactions: interactions.length,
        feedback: feedback.length,
      };
    },
    async recordAudit(entry) {
      const id = newId();
      t.privacyAudit.push({ ...copy(entry), id });
      return id;
    },
  };
}
