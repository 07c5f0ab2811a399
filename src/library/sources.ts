import type { SourceRef } from '../core/types.ts';

/** One approved knowledge entry, as `heed.knowledge.search` returns it to the team's answerer. */
export interface KnowledgeHit {
  /** The entry's id; pass the hit back as a source of the answer that used it. */
  id: string;
  version: number;
  question: string;
  answer: string;
  patternKey: string;
  /** 'pattern': approved for this very question pattern; 'search': a confident full-text match. */
  match: 'pattern' | 'search';
  source: 'seed' | 'correction' | 'manual';
  createdAt: Date;
}

/** What an answer used: a hit from `heed.knowledge.search`, or a reference to an entry version. */
export type AnswerSource = KnowledgeHit | SourceRef;

export function toSourceRefs(sources: readonly AnswerSource[] | undefined): SourceRef[] {
  return (sources ?? []).map((s) =>
    'knowledgeId' in s ? s : { knowledgeId: s.id, version: s.version, title: s.question.slice(0, 300) },
  );
}
