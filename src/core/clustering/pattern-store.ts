/** A query pattern as the keyer keeps it: its key and some questions that belong to it. */
export interface StoredPattern {
  key: string;
  texts: string[];
}

/**
 * Where a `SimilarityPatternKeyer` keeps its patterns. `savePattern` is an upsert by key that replaces
 * the stored texts (a MongoDB store: `updateOne({ key }, { $set: { texts } }, { upsert: true })`).
 */
export interface PatternStore {
  loadPatterns(): Promise<StoredPattern[]>;
  savePattern(pattern: StoredPattern): Promise<void>;
}

/** The default store: patterns live as long as the process. */
export class InMemoryPatternStore implements PatternStore {
  private readonly patterns = new Map<string, string[]>();

  constructor(initial: readonly StoredPattern[] = []) {
    for (const p of initial) this.patterns.set(p.key, [...p.texts]);
  }

  async loadPatterns(): Promise<StoredPattern[]> {
    return [...this.patterns].map(([key, texts]) => ({ key, texts: [...texts] }));
  }

  async savePattern(pattern: StoredPattern): Promise<void> {
    this.patterns.set(pattern.key, [...pattern.texts]);
  }
}
