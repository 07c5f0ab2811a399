import type { DataExportSource, ExportFilter } from '../../core/ports.ts';
import type { Platform } from '../../core/types.ts';
import { copy } from './ids.ts';
import type { MemoryTables } from './tables.ts';

const inRange = (at: Date, f: ExportFilter) => (!f.since || at >= f.since) && (!f.until || at < f.until);
const onPlatform = (p: Platform, f: ExportFilter) => !f.platform || p === f.platform;

async function* each<T>(rows: Iterable<T>): AsyncIterable<T> {
  // A snapshot, so a write during the export (forget, say) does not move the iteration.
  for (const row of [...rows]) yield copy(row);
}

/** `heed export`'s reads over the in-memory tables, in insertion order like the server's natural order. */
export function memoryExports(t: MemoryTables): DataExportSource {
  const feedback = (f: ExportFilter) =>
    [...t.feedback.values()].filter((r) => inRange(r.createdAt, f) && onPlatform(r.platform, f));
  const interactions = (f: ExportFilter) =>
    [...t.interactions.values()].filter((r) => inRange(r.createdAt, f) && onPlatform(r.ref.platform, f));
  const reviews = (f: ExportFilter) => [...t.reviews.values()].filter((r) => inRange(r.createdAt, f));
  const corrections = () => t.knowledge.filter((k) => k.source === 'correction');
  return {
    async count(name, filter) {
      if (name === 'knowledge') return corrections().length;
      if (name === 'feedback') return feedback(filter).length;
      if (name === 'interactions') return interactions(filter).length;
      return reviews(filter).length;
    },
    feedback: (f) => each(feedback(f)),
    feedbackByInteraction: () =>
      each([...t.feedback.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))),
    interactions: (f) => each(interactions(f)),
    reviews: (f) => each(reviews(f)),
    approvedCorrections: () => each(corrections()),
    feedbackForPattern: (patternKey) =>
      each([...t.feedback.values()].filter((r) => r.patternKey === patternKey)),
    async interaction(id) {
      const row = t.interactions.get(id);
      return row ? copy(row) : null;
    },
    async latestKnowledgeVersion(patternKey) {
      return Math.max(0, ...t.knowledge.filter((k) => k.patternKey === patternKey).map((k) => k.version));
    },
    async instructionsAt(at) {
      const row = t.instructions.filter((v) => v.createdAt <= at).sort((a, b) => b.version - a.version)[0];
      return row ? copy(row) : null;
    },
  };
}
