import type { InstructionsRepository, KnowledgeRepository } from '../../core/ports.ts';
import type { InstructionsVersion } from '../../core/types.ts';
import { copy, newId } from './ids.ts';
import { type MemoryTables, memoryTables } from './tables.ts';

export function memoryKnowledge(t: MemoryTables = memoryTables()): KnowledgeRepository {
  const rows = t.knowledge;
  let changed = 0;
  const versions = (patternKey: string) =>
    rows.filter((r) => r.patternKey === patternKey).sort((a, b) => b.version - a.version);
  const repo: KnowledgeRepository = {
    async add(entry, now) {
      const version = (versions(entry.patternKey)[0]?.version ?? 0) + 1;
      const row = { ...copy(entry), id: newId(), version, createdAt: now };
      rows.push(row);
      changed++;
      return copy(row);
    },
    async seed(entry, now) {
      const existing = rows.find(
        (r) => r.patternKey === entry.patternKey && r.answer === entry.answer && r.source === 'seed',
      );
      if (existing) return copy(existing);
      return repo.add({ ...entry, source: 'seed', sourceFeedbackIds: [] }, now);
    },
    async get(id) {
      const row = rows.find((r) => r.id === id);
      return row ? copy(row) : null;
    },
    async latestForPattern(patternKey) {
      const row = versions(patternKey)[0];
      return row ? copy(row) : null;
    },
    async listLatest() {
      const keys = [...new Set(rows.map((r) => r.patternKey))].sort();
      return keys.map((k) => copy(versions(k)[0]!));
    },
    async history(patternKey) {
      return versions(patternKey).map(copy);
    },
    async forReview(reviewId) {
      const row = rows.find((r) => r.reviewId === reviewId);
      return row ? copy(row) : null;
    },
    async signature() {
      return String(changed);
    },
  };
  return repo;
}

export function memoryInstructions(t: MemoryTables = memoryTables()): InstructionsRepository {
  const rows = t.instructions;
  const newest = () => [...rows].sort((a, b) => b.version - a.version);
  return {
    async current() {
      const row = newest()[0];
      return row ? copy(row) : null;
    },
    async add(text, author, reviewId, now) {
      const row: InstructionsVersion = { version: (newest()[0]?.version ?? 0) + 1, text, createdAt: now };
      if (author) row.author = copy(author);
      if (reviewId) row.reviewId = reviewId;
      rows.push(row);
      return copy(row);
    },
    async history(limit = 20) {
      return newest().slice(0, limit).map(copy);
    },
    async forReview(reviewId) {
      const row = rows.find((r) => r.reviewId === reviewId);
      return row ? copy(row) : null;
    },
  };
}
