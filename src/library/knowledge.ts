import { KnowledgeRetriever } from '../answerer/knowledge-retriever.ts';
import type { FeedbackCore } from '../core/feedback-core.ts';
import type { FeedbackStore } from '../core/ports.ts';
import { parseOrThrow, QuestionSchema } from '../core/schemas.ts';
import type { KnowledgeHit } from './sources.ts';

export interface HeedKnowledge {
  /**
   * Approved knowledge for a question: the entry approved for its own pattern first, then confident
   * full-text matches (the same retrieval heed's own answerers use). Approvals on any instance show
   * up on the next call.
   */
  search(question: string, opts?: { limit?: number }): Promise<KnowledgeHit[]>;
}

export interface CurrentInstructions {
  version: number;
  text: string;
  createdAt: Date;
}
export interface HeedInstructions {
  /** The instructions moderators approved last, or null before the first update. */
  current(): Promise<CurrentInstructions | null>;
}

export function knowledgeFor(core: FeedbackCore, store: FeedbackStore): HeedKnowledge {
  const retriever = new KnowledgeRetriever(store);
  return {
    async search(question, opts = {}) {
      const q = parseOrThrow(QuestionSchema, question, 'question');
      const limit = Math.max(1, Math.min(20, Math.floor(opts.limit ?? 3)));
      const hits = await retriever.retrieve(q, await core.patternKey(q), limit);
      return hits.map(({ entry, match }) => ({
        id: entry.id,
        version: entry.version,
        question: entry.question,
        answer: entry.answer,
        patternKey: entry.patternKey,
        match,
        source: entry.source,
        createdAt: entry.createdAt,
      }));
    },
  };
}

export function instructionsFor(store: FeedbackStore): HeedInstructions {
  return {
    async current() {
      const v = await store.instructions.current();
      return v ? { version: v.version, text: v.text, createdAt: v.createdAt } : null;
    },
  };
}
