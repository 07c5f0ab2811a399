import { z } from 'zod';
import type { HistoryTurn } from '../core/ports.ts';
import type { Platform } from '../core/types.ts';

/** What heed POSTs to the team's agent (README, "HTTP answerer"). */
export interface AgentRequest {
  question: string;
  history: HistoryTurn[];
  user: { platform: Platform; id: string; name?: string } | null;
  conversation: { platform: Platform; channelId?: string; threadId?: string } | null;
  instructions: { version: number; text: string } | null;
  knowledge: { id: string; version: number; question: string; answer: string; score: number }[];
}

/** Long enough for any answer the adapters can split into messages. */
const AGENT_TEXT_MAX = 40_000;

const httpUrl = z
  .url()
  .max(2000)
  .refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL');

/** The agent's `200` body. Anything else is a malformed reply: an error, never shown to the user raw. */
export const AgentResponseSchema = z.object({
  text: z.string().trim().min(1, 'must not be empty').max(AGENT_TEXT_MAX),
  sources: z
    .array(z.object({ title: z.string().trim().max(300).optional(), url: httpUrl.optional() }))
    .max(20)
    .optional(),
});
export type AgentResponse = z.output<typeof AgentResponseSchema>;

/** The agent's links under its answer, as plain text (the adapters escape it like any answer). */
export function withSources(r: AgentResponse): string {
  const links = (r.sources ?? []).flatMap((s) => {
    const label = s.title && s.url ? `${s.title} (${s.url})` : (s.title ?? s.url);
    return label ? [`• ${label}`] : [];
  });
  return links.length > 0 ? `${r.text}\n\nSources:\n${links.join('\n')}` : r.text;
}
