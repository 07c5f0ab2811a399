import type { FeedbackStore } from '../core/ports.ts';
import type { KnowledgeEntry } from '../core/types.ts';
import {
  type ConfidenceThreshold,
  DEFAULT_THRESHOLD,
  isConfident,
  KnowledgeIndex,
} from './knowledge-index.ts';
import { type KnowledgeSignature, knowledgeSignatureFor } from './knowledge-signature.ts';

export interface RetrievedEntry {
  entry: KnowledgeEntry;
  /** 'pattern': the question's own pattern has an approved entry; 'search': full-text match. */
  match: 'pattern' | 'search';
  /** 0–1: 1 for the question's own pattern, else the IDF-weighted share of its words the entry holds. */
  score: number;
}

/**
 * Finds the knowledge for a question: the latest entry of its own pattern first, then confident full-text
 * matches over the latest entry of every pattern. The index is rebuilt only when the database says the
 * knowledge changed, so an approval on any instance is visible to the next question everywhere.
 */
export class KnowledgeRetriever {
  private index: { signature: string; index: KnowledgeIndex } | undefined;
  private building: { signature: string; promise: Promise<KnowledgeIndex> } | undefined;
  private readonly signature: KnowledgeSignature;

  constructor(
    private readonly store: FeedbackStore,
    private readonly threshold: ConfidenceThreshold = DEFAULT_THRESHOLD,
    signature?: KnowledgeSignature,
  ) {
    this.signature = signature ?? knowledgeSignatureFor(store);
  }

  async retrieve(question: string, patternKey: string, limit = 3): Promise<RetrievedEntry[]> {
    const [exact, index] = await Promise.all([
      this.store.knowledge.latestForPattern(patternKey),
      this.currentIndex(),
    ]);
    const out: RetrievedEntry[] = exact ? [{ entry: exact, match: 'pattern', score: 1 }] : [];
    for (const hit of index.find(question, limit + 1)) {
      if (out.length >= limit) break;
      if (hit.entry.patternKey === patternKey || !isConfident(hit, this.threshold)) continue;
      out.push({ entry: hit.entry, match: 'search', score: Math.round(hit.weightedCoverage * 1000) / 1000 });
    }
    return out;
  }

  private async currentIndex(): Promise<KnowledgeIndex> {
    const signature = await this.signature();
    if (this.index?.signature === signature) return this.index.index;
    if (this.building?.signature === signature) return this.building.promise;
    const promise = this.store.knowledge.listLatest().then((entries) => new KnowledgeIndex(entries));
    this.building = { signature, promise };
    try {
      const index = await promise;
      this.index = { signature, index };
      return index;
    } finally {
      if (this.building?.promise === promise) this.building = undefined;
    }
  }
}
