import type { DaySummary, HourSummary } from '../../core/insights/day-summary.ts';
import type { DigestRecord, EmbeddingPattern, PrivacyAuditEntry } from '../../core/ports.ts';
import type {
  AuditEntry,
  Feedback,
  InstructionsVersion,
  Interaction,
  KnowledgeEntry,
  Resolution,
  Review,
} from '../../core/types.ts';

/** Set on a record whose free text retention or `heed forget` removed (as the MongoDB store does). */
interface Redacted {
  redactedAt?: Date;
  redacted?: 'retention' | 'forgotten';
}

interface Lease {
  owner: string;
  acquiredAt: Date;
  expiresAt: Date;
}

/**
 * Every record of the in-memory store, shared by its repositories: the privacy operations (forget,
 * retention, export) work across all of them, as they do across the MongoDB store's collections.
 */
export interface MemoryTables {
  interactions: Map<string, Interaction & Redacted>;
  /** By feedback id (`<interaction>:<kind>:<user hash>`, as in MongoDB). */
  feedback: Map<string, Feedback & Redacted>;
  reviews: Map<string, Review>;
  /** Resolution claims by review id. */
  resolutions: Map<string, Resolution>;
  /** Audit entries appended without touching the review. */
  reviewAudit: Map<string, AuditEntry[]>;
  knowledge: KnowledgeEntry[];
  instructions: InstructionsVersion[];
  /** Delivery key → when it was claimed. */
  deliveries: Map<string, Date>;
  /** Day and hour summaries by their bucket (`YYYY-MM-DD`, `YYYY-MM-DDTHH`). */
  rollups: Map<string, DaySummary | HourSummary>;
  /** By `<period>|<channel>`. */
  digests: Map<string, DigestRecord>;
  leases: Map<string, Lease>;
  state: { firstRun?: Date };
  privacyAudit: (PrivacyAuditEntry & { id: string })[];
  /** Embedding vectors by id (sha256 of model + text). */
  embeddings: Map<string, number[]>;
  /** The embeddings keyer's patterns by `<model>\u0000<key>`. */
  embeddingPatterns: Map<string, EmbeddingPattern>;
}

export function memoryTables(): MemoryTables {
  return {
    interactions: new Map(),
    feedback: new Map(),
    reviews: new Map(),
    resolutions: new Map(),
    reviewAudit: new Map(),
    knowledge: [],
    instructions: [],
    deliveries: new Map(),
    rollups: new Map(),
    digests: new Map(),
    leases: new Map(),
    state: {},
    privacyAudit: [],
    embeddings: new Map(),
    embeddingPatterns: new Map(),
  };
}
