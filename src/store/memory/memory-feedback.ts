import { utcDay, utcHour } from '../../core/insights/day-summary.ts';
import type { FeedbackRepository, FeedbackWrite } from '../../core/ports.ts';
import { isNegative } from '../../core/review-policy.ts';
import type { Feedback } from '../../core/types.ts';
import { feedbackId } from '../feedback-repo.ts';
import { copy } from './ids.ts';
import { type MemoryTables, memoryTables } from './tables.ts';

function sameContent(row: Feedback, f: FeedbackWrite): boolean {
  return (
    row.value === f.value &&
    JSON.stringify(row.reasons ?? []) === JSON.stringify(f.reasons) &&
    row.comment === f.comment
  );
}

const newestFirst = (a: Feedback, b: Feedback) =>
  b.updatedAt.getTime() - a.updatedAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

export function memoryFeedback(t: MemoryTables = memoryTables()): FeedbackRepository {
  const rows = t.feedback;
  const all = () => [...rows.values()];
  return {
    async upsert(f, now) {
      const id = feedbackId(f);
      const existing = rows.get(id);
      if (existing && sameContent(existing, f)) return { feedback: copy(existing), status: 'unchanged' };
      const { comment, userName, ...fields } = f;
      const row = {
        ...(existing ?? {}),
        ...copy(fields),
        id,
        updatedAt: now,
        createdAt: existing?.createdAt ?? now,
        ...(userName ? { userName } : existing?.userName ? { userName: existing.userName } : {}),
      } as Feedback;
      if (comment) row.comment = comment;
      else delete row.comment;
      rows.set(id, row);
      return { feedback: copy(row), status: existing ? 'updated' : 'created' };
    },
    async linkToReview(id, reviewId) {
      const row = rows.get(id);
      if (row) row.reviewId = reviewId;
    },
    async forReview(reviewId, kind) {
      return all()
        .filter((r) => r.reviewId === reviewId && (!kind || r.kind === kind))
        .sort(newestFirst)
        .map(copy);
    },
    async getMany(ids) {
      return [...new Set(ids)].flatMap((id) => {
        const row = rows.get(id);
        return row ? [copy(row)] : [];
      });
    },
    async recentForPattern(patternKey, limit) {
      return all()
        .filter((r) => r.patternKey === patternKey)
        .sort(newestFirst)
        .slice(0, limit)
        .map(copy);
    },
    async onDay(day) {
      return all()
        .filter((r) => utcDay(r.createdAt) === day)
        .map(copy);
    },
    async correctionsOnDay(day) {
      return all()
        .filter((r) => utcDay(r.createdAt) === day && r.kind === 'correction')
        .map(copy);
    },
    async negativeOnDay(day) {
      return all()
        .filter((r) => utcDay(r.createdAt) === day && isNegative(r))
        .map(copy);
    },
    async inHour(hour, part) {
      const wanted = (r: Feedback) =>
        part === 'negative' ? isNegative(r) : part === 'corrections' ? r.kind === 'correction' : true;
      return all()
        .filter((r) => utcHour(r.createdAt) === hour && wanted(r))
        .map(copy);
    },
  };
}
