import type { DataExportSource, ExportFilter } from '../ports.ts';
import type { Feedback, Interaction, KnowledgeEntry } from '../types.ts';
import type { OpenAiSftRow, TrlDpoRow, TrlKtoRow } from './schemas.ts';
import { verdict } from './verdict.ts';

/** A question as the model saw it: the instructions then in force (if any) and the user's turn. */
type Prompt =
  | [{ role: 'system'; content: string }, { role: 'user'; content: string }]
  | [{ role: 'user'; content: string }];
export type Tick = () => void;

export function inFilter(i: Interaction, f: ExportFilter): boolean {
  const at = new Date(i.createdAt).getTime();
  return (
    (!f.since || at >= f.since.getTime()) &&
    (!f.until || at < f.until.getTime()) &&
    (!f.platform || i.ref.platform === f.platform)
  );
}

/** A real answer to a real question: not a fallback message, and no text removed by retention or forget. */
function usable(i: Interaction | null): i is Interaction {
  return i !== null && !i.failed && i.question.trim() !== '' && i.answer.trim() !== '';
}

async function promptFor(src: DataExportSource, i: Interaction): Promise<Prompt> {
  const system = (await src.instructionsAt(new Date(i.createdAt)))?.text.trim();
  const user = { role: 'user' as const, content: i.question };
  return system ? [{ role: 'system', content: system }, user] : [user];
}

const assistant = (content: string) =>
  [{ role: 'assistant' as const, content }] as [{ role: 'assistant'; content: string }];

/**
 * Approved corrections that are still the pattern's current knowledge: a correction a later version
 * replaced is never "chosen" (a newer review found it wanting too).
 */
async function* currentCorrections(src: DataExportSource, tick: Tick): AsyncIterable<KnowledgeEntry> {
  for await (const entry of src.approvedCorrections()) {
    tick();
    if (entry.answer.trim() === '') continue;
    if ((await src.latestKnowledgeVersion(entry.patternKey)) === entry.version) yield entry;
  }
}

/** The pattern's feedback by interaction, and the interactions whose feedback the entry's review held. */
async function patternFeedback(src: DataExportSource, entry: KnowledgeEntry) {
  const byInteraction = new Map<string, Feedback[]>();
  const reviewed = new Set<string>();
  for await (const f of src.feedbackForPattern(entry.patternKey)) {
    byInteraction.set(f.interactionId, [...(byInteraction.get(f.interactionId) ?? []), f]);
    if (entry.reviewId && f.reviewId === entry.reviewId) reviewed.add(f.interactionId);
  }
  return { byInteraction, reviewed };
}

/** Supervised rows: each question of a review a moderator resolved with a correction → that correction. */
async function* correctionExamples(
  src: DataExportSource,
  filter: ExportFilter,
  tick: Tick,
  emitted: Set<string>,
): AsyncIterable<OpenAiSftRow> {
  for await (const entry of currentCorrections(src, tick)) {
    const { reviewed } = await patternFeedback(src, entry);
    const questions = new Set<string>();
    for (const id of reviewed) {
      const i = await src.interaction(id);
      if (!i || i.question.trim() === '' || !inFilter(i, filter) || questions.has(i.question)) continue;
      questions.add(i.question);
      emitted.add(i.id);
      yield { messages: [...(await promptFor(src, i)), ...assistant(entry.answer)] } as OpenAiSftRow;
    }
  }
}

/** Each interaction's feedback, one group at a time (the source yields them in `_id` order). */
async function* byInteraction(src: DataExportSource, tick: Tick): AsyncIterable<[string, Feedback[]]> {
  let current: string | undefined;
  let group: Feedback[] = [];
  for await (const f of src.feedbackByInteraction()) {
    tick();
    if (f.interactionId !== current) {
      if (current !== undefined) yield [current, group];
      current = f.interactionId;
      group = [];
    }
    group.push(f);
  }
  if (current !== undefined) yield [current, group];
}

export async function* openAiSftRows(
  src: DataExportSource,
  filter: ExportFilter,
  opts: { includeUpvoted?: boolean; tick: Tick },
): AsyncIterable<OpenAiSftRow> {
  const emitted = new Set<string>();
  yield* correctionExamples(src, filter, opts.tick, emitted);
  if (!opts.includeUpvoted) return;
  for await (const [id, feedback] of byInteraction(src, opts.tick)) {
    if (emitted.has(id) || verdict(feedback) !== 'up') continue;
    const i = await src.interaction(id);
    if (!usable(i) || !inFilter(i, filter)) continue;
    yield { messages: [...(await promptFor(src, i)), ...assistant(i.answer)] } as OpenAiSftRow;
  }
}

/**
 * Preference pairs: a question of the corrected pattern, asked before the correction was approved,
 * whose answer most people voted down → chosen = the approved correction, rejected = that answer.
 */
export async function* preferencePairs(
  src: DataExportSource,
  filter: ExportFilter,
  tick: Tick,
): AsyncIterable<TrlDpoRow> {
  for await (const entry of currentCorrections(src, tick)) {
    const { byInteraction: groups } = await patternFeedback(src, entry);
    const seen = new Set<string>();
    for (const [id, feedback] of groups) {
      if (verdict(feedback) !== 'down') continue;
      const i = await src.interaction(id);
      if (!usable(i) || !inFilter(i, filter)) continue;
      if (new Date(i.createdAt) > new Date(entry.createdAt) || i.answer.trim() === entry.answer.trim())
        continue;
      const key = JSON.stringify([i.question, i.answer]);
      if (seen.has(key)) continue;
      seen.add(key);
      yield {
        prompt: await promptFor(src, i),
        chosen: assistant(entry.answer),
        rejected: assistant(i.answer),
      };
    }
  }
}

/** Unpaired rows for KTO: each answer with a clear majority → label true (👍 / 4–5) or false (👎 / 1–2). */
export async function* ktoRows(
  src: DataExportSource,
  filter: ExportFilter,
  tick: Tick,
): AsyncIterable<TrlKtoRow> {
  for await (const [id, feedback] of byInteraction(src, tick)) {
    const v = verdict(feedback);
    if (v === null) continue;
    const i = await src.interaction(id);
    if (!usable(i) || !inFilter(i, filter)) continue;
    yield { prompt: await promptFor(src, i), completion: assistant(i.answer), label: v === 'up' };
  }
}
