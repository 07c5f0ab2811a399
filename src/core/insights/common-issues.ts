import { clusterTexts } from '../clustering/cluster-texts.ts';
import type { Feedback, Reason } from '../types.ts';
import type { CommonIssue } from './types.ts';

/** Clustering is O(n²): beyond this many negative items only the newest are grouped. */
export const MAX_CLUSTERED = 1000;
const SAMPLES = 3;

/** Lexical clustering is synchronous; the embeddings clusterer (with its lexical fallback) is not. */
export type Clusterer = (texts: readonly string[]) => number[] | Promise<number[]>;

export interface CommonIssueOptions {
  max?: number;
  cluster?: Clusterer;
}

/**
 * Groups negative feedback by what it is about (the question plus the comment) and describes each
 * group: the question asked most often, how many items, up to three distinct comments.
 */
export async function commonIssues(
  negative: readonly Feedback[],
  questionOf: (f: Feedback) => string,
  opts: CommonIssueOptions = {},
): Promise<CommonIssue[]> {
  const items = [...negative]
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
    .slice(0, MAX_CLUSTERED);
  if (items.length === 0) return [];
  const texts = items.map((f) => `${questionOf(f)} ${f.comment ?? ''}`.trim());
  const labels = await (opts.cluster ?? clusterTexts)(texts);
  const groups = new Map<number, Feedback[]>();
  items.forEach((f, i) => {
    const label = labels[i] ?? -1 - i;
    groups.set(label, [...(groups.get(label) ?? []), f]);
  });
  return [...groups.values()]
    .map((group) => describe(group, questionOf))
    .sort((a, b) => b.frequency - a.frequency || a.representative.localeCompare(b.representative))
    .slice(0, opts.max ?? 10);
}

function describe(group: readonly Feedback[], questionOf: (f: Feedback) => string): CommonIssue {
  const questionCounts = new Map<string, number>();
  for (const f of group) questionCounts.set(questionOf(f), (questionCounts.get(questionOf(f)) ?? 0) + 1);
  // Map keeps insertion order (newest first), so ties go to the most recently asked question.
  let representative = '';
  let best = 0;
  for (const [question, count] of questionCounts) {
    if (count > best) [representative, best] = [question, count];
  }
  const reasons: Partial<Record<Reason, number>> = {};
  for (const f of group) for (const r of f.reasons) reasons[r] = (reasons[r] ?? 0) + 1;
  const comments = group.flatMap((f) => (f.comment?.trim() ? [f.comment.trim()] : []));
  return {
    representative,
    frequency: group.length,
    samples: [...new Set(comments)].slice(0, SAMPLES),
    reasons,
    patternKeys: [...new Set(group.map((f) => f.patternKey))],
  };
}
