import type { Answerer, AnswerRequest, AnswerResult, FeedbackStore } from '../core/ports.ts';
import type { ConfidenceThreshold } from './knowledge-index.ts';
import { KnowledgeRetriever } from './knowledge-retriever.ts';
import type { KnowledgeSignature } from './knowledge-signature.ts';
import { DONT_KNOW } from './messages.ts';

const KNOWLEDGE_BASE_ANSWERER = 'knowledge-base';

export interface KnowledgeBaseAnswererOptions {
  store: FeedbackStore;
  threshold?: ConfidenceThreshold;
  signature?: KnowledgeSignature;
}

/**
 * The offline default: answers with the approved knowledge entry that best fits the question (its own
 * pattern's entry wins outright), and says honestly when it does not know.
 */
export class KnowledgeBaseAnswerer implements Answerer {
  private readonly retriever: KnowledgeRetriever;

  constructor(opts: KnowledgeBaseAnswererOptions) {
    this.retriever = new KnowledgeRetriever(opts.store, opts.threshold, opts.signature);
  }

  async answer(req: AnswerRequest): Promise<AnswerResult> {
    const [best] = await this.retriever.retrieve(req.question, req.patternKey, 1);
    if (!best) return { text: DONT_KNOW, sources: [], answerer: KNOWLEDGE_BASE_ANSWERER };
    const { entry } = best;
    return {
      text: entry.answer,
      sources: [{ knowledgeId: entry.id, version: entry.version, title: entry.question }],
      answerer: KNOWLEDGE_BASE_ANSWERER,
    };
  }

  describe(): string {
    return 'offline knowledge-base answerer (full-text search over approved knowledge)';
  }
}
