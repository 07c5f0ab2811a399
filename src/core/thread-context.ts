import type { HistoryTurn, InteractionRepository } from './ports.ts';
import type { ConversationRef, Interaction } from './types.ts';

/** How much of a thread's past an answerer is given. */
export interface HistoryLimits {
  /** Earlier question/answer pairs (turns), newest kept. */
  turns: number;
  /** Characters over all turns' text, newest kept. */
  chars: number;
}

export const DEFAULT_HISTORY: HistoryLimits = { turns: 6, chars: 8000 };

export interface ThreadContext {
  history: HistoryTurn[];
  /** The earlier interactions `history` came from, oldest first. */
  contextIds: string[];
}

/** `platform:channel:thread` for a question asked inside a thread; none outside one. */
export function threadKeyOf(ref: ConversationRef): string | undefined {
  if (!ref.channelId || !ref.threadId) return undefined;
  return `${ref.platform}:${ref.channelId}:${ref.threadId}`;
}

/**
 * The earlier turns of a thread, oldest first, within the limits. A turn whose answer was a fallback
 * message is left out: the answerer never said it, so it is no context. A turn that does not fit the
 * character budget ends the history (older turns would leave a gap).
 */
export function historyFrom(earlier: readonly Interaction[], limits: HistoryLimits): ThreadContext {
  const newestFirst = [...earlier]
    .filter((i) => !i.failed)
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  const kept: Interaction[] = [];
  let budget = limits.chars;
  for (const i of newestFirst) {
    if (kept.length >= limits.turns) break;
    const size = i.question.length + i.answer.length;
    if (size > budget) break;
    budget -= size;
    kept.push(i);
  }
  kept.reverse();
  return {
    history: kept.flatMap((i): HistoryTurn[] => [
      { role: 'user', text: i.question },
      { role: 'assistant', text: i.answer },
    ]),
    contextIds: kept.map((i) => i.id),
  };
}

/** Reads a thread's recorded turns (equality lookup on the thread key) and bounds them. */
export async function threadContext(
  interactions: InteractionRepository,
  threadKey: string | undefined,
  limits: HistoryLimits,
): Promise<ThreadContext> {
  if (!threadKey || limits.turns <= 0) return { history: [], contextIds: [] };
  // A few extra in case some of the newest failed.
  const earlier = await interactions.inThread(threadKey, limits.turns * 2);
  return historyFrom(earlier, limits);
}
