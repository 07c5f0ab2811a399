import type { Feedback, Interaction, Review } from '../types.ts';
import type { FeedbackRow, InteractionRow, ReviewRow } from './schemas.ts';

const isoOf = (d: Date | string) => new Date(d).toISOString();
const orNull = <T>(v: T | undefined): T | null => (v === undefined || v === '' ? null : v);

/** Set by retention or `heed forget` when a document's free text was removed. */
export interface RedactionMark {
  redactedAt?: Date;
}

export function feedbackRow(f: Feedback & RedactionMark): FeedbackRow {
  return {
    id: f.id,
    createdAt: isoOf(f.createdAt),
    updatedAt: isoOf(f.updatedAt),
    platform: f.platform,
    userId: f.userId,
    userName: orNull(f.userName),
    interactionId: f.interactionId,
    patternKey: f.patternKey,
    kind: f.kind,
    value: f.value,
    reasons: f.reasons ?? [],
    comment: orNull(f.comment),
    reviewId: orNull(f.reviewId),
    redacted: f.redactedAt !== undefined,
  };
}

export function interactionRow(i: Interaction & RedactionMark): InteractionRow {
  return {
    id: i.id,
    createdAt: isoOf(i.createdAt),
    platform: i.ref.platform,
    userId: i.ref.userId,
    userName: orNull(i.ref.userName),
    channelId: orNull(i.ref.channelId),
    patternKey: i.patternKey,
    question: i.question,
    answer: i.answer,
    answerer: i.answerer,
    model: orNull(i.model),
    failed: i.failed === true,
    sources: (i.sources ?? []).map((s) => `${s.knowledgeId}:v${s.version}`),
    redacted: i.redactedAt !== undefined,
  };
}

export function reviewRow(r: Review): ReviewRow {
  const res = r.resolution;
  return {
    id: r.id,
    createdAt: isoOf(r.createdAt),
    updatedAt: isoOf(r.updatedAt),
    status: r.status,
    patternKey: r.patternKey,
    interactionId: r.interactionId,
    question: r.question,
    threadPlatforms: [...new Set((r.threads ?? []).map((t) => t.platform))],
    action: res?.action ?? null,
    resolvedAt: res ? isoOf(res.at) : null,
    resolvedByPlatform: res?.actor.platform ?? null,
    resolvedById: orNull(res?.actor.userId),
    resolvedByName: orNull(res?.actor.name),
    resolutionText: orNull(res?.text),
    resolutionNote: orNull(res?.note),
    knowledgeId: orNull(res?.knowledgeId),
    knowledgeVersion: res?.knowledgeVersion ?? null,
    instructionsVersion: res?.instructionsVersion ?? null,
  };
}

/** One CSV cell per column: lists joined with ";", absent values empty. */
export function csvRecord(row: Record<string, unknown>, columns: readonly string[]): string[] {
  return columns.map((c) => {
    const v = row[c];
    if (v === null || v === undefined) return '';
    if (Array.isArray(v)) return v.join(';');
    return String(v);
  });
}
