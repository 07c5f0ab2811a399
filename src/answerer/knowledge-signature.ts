import type { FeedbackStore } from '../core/ports.ts';

/** Changes whenever a knowledge entry is added anywhere (entries are append-only: versions, never edits). */
export type KnowledgeSignature = () => Promise<string>;

/** Read from the database per question, so every instance sees an approval made on another one. */
export function knowledgeSignatureFor(store: FeedbackStore): KnowledgeSignature {
  return () => store.knowledge.signature();
}
