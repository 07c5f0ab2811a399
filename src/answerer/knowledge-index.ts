import MiniSearch from 'minisearch';
import type { KnowledgeEntry } from '../core/types.ts';
import { processTerm, significantTerms, tokenize } from './search-text.ts';

export interface KnowledgeHit {
  entry: KnowledgeEntry;
  score: number;
  /** Share of the question's distinct terms found in the entry. */
  coverage: number;
  /** The same share, each term weighted by how rare it is in the knowledge base (IDF). */
  weightedCoverage: number;
  /** Whether some term matched the entry's question, not only its answer. */
  questionMatch: boolean;
}

export interface ConfidenceThreshold {
  minCoverage: number;
  minWeightedCoverage: number;
}

/**
 * Confidence gate over MiniSearch's ranking (scores are not comparable across questions, shares are):
 * at least half the question's words, not just the knowledge base's most common ones, and — unless every
 * word matched — one of them in the entry's question. So "reset password" finds "How can I change my
 * password?", while "configure Jira" finds neither "How do I configure Slack?" (only the common word) nor
 * an answer that merely mentions configuration.
 */
export const DEFAULT_THRESHOLD: ConfidenceThreshold = { minCoverage: 0.5, minWeightedCoverage: 0.2 };

/** Full-text index (MiniSearch, BM25) over one snapshot of the latest knowledge entry per pattern. */
export class KnowledgeIndex {
  private readonly search: MiniSearch<KnowledgeEntry>;
  private readonly entries = new Map<string, KnowledgeEntry>();
  private readonly docFreq = new Map<string, number>();

  constructor(entries: readonly KnowledgeEntry[]) {
    this.search = new MiniSearch<KnowledgeEntry>({
      fields: ['question', 'answer'],
      tokenize,
      processTerm,
      searchOptions: {
        boost: { question: 2 },
        prefix: (term) => term.length > 3,
        fuzzy: (term) => (term.length > 4 ? 0.2 : false),
        combineWith: 'OR',
      },
    });
    for (const entry of entries) {
      this.entries.set(entry.id, entry);
      for (const term of significantTerms(`${entry.question} ${entry.answer}`))
        this.docFreq.set(term, (this.docFreq.get(term) ?? 0) + 1);
    }
    this.search.addAll(entries);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Best matches first, each with its confidence measures; only entries sharing a term with the question. */
  find(question: string, limit = 5): KnowledgeHit[] {
    const terms = significantTerms(question);
    if (terms.length === 0 || this.entries.size === 0) return [];
    const totalWeight = terms.reduce((sum, t) => sum + this.idf(this.docFreq.get(t) ?? 0), 0);
    return this.search
      .search(terms.join(' '))
      .slice(0, limit)
      .map((r) => {
        const matched = new Set(r.queryTerms);
        // A term matched only fuzzily/by prefix counts as a rare term of the base.
        const weight = [...matched].reduce((sum, t) => sum + this.idf(this.docFreq.get(t) || 1), 0);
        return {
          entry: this.entries.get(String(r.id))!,
          score: r.score,
          coverage: matched.size / terms.length,
          weightedCoverage: Math.min(1, weight / totalWeight),
          questionMatch: Object.values(r.match).some((fields) => fields.includes('question')),
        };
      });
  }

  /** The single best match when it clears the threshold, else null. */
  best(question: string, threshold: ConfidenceThreshold = DEFAULT_THRESHOLD): KnowledgeHit | null {
    return this.find(question, 5).find((h) => isConfident(h, threshold)) ?? null;
  }

  private idf(df: number): number {
    const n = this.entries.size;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }
}

export function isConfident(hit: KnowledgeHit, threshold: ConfidenceThreshold = DEFAULT_THRESHOLD): boolean {
  return (
    hit.coverage >= threshold.minCoverage &&
    hit.weightedCoverage >= threshold.minWeightedCoverage &&
    (hit.questionMatch || hit.coverage === 1)
  );
}
