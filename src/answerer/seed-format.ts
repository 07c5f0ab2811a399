import { LIMITS } from '../core/schemas.ts';

/**
 * Seed knowledge files (KNOWLEDGE_DIR, default ./knowledge; README.md files are skipped):
 * - Markdown (.md): every level-2 heading `## <question>` starts an entry; the text up to the next
 *   level-2 heading is its answer. Text before the first `##` (a title, an intro) is ignored, and so is
 *   a `##` inside a fenced code block.
 * - JSON (.json): an array of `{ "question": "...", "answer": "..." }` objects.
 */
interface SeedEntry {
  question: string;
  answer: string;
  /** Where the entry came from, for error messages: `line 12` or `entry 3`. */
  at: string;
}

export interface ParsedSeedFile {
  entries: SeedEntry[];
  errors: string[];
}

export const SEED_ANSWER_MAX = 8000;

function check(entry: SeedEntry): string | null {
  if (!entry.question) return `${entry.at}: the question is empty`;
  if (entry.question.length > LIMITS.question)
    return `${entry.at}: the question is longer than ${LIMITS.question} characters`;
  if (!entry.answer) return `${entry.at}: the answer to "${entry.question.slice(0, 60)}" is empty`;
  if (entry.answer.length > SEED_ANSWER_MAX)
    return `${entry.at}: the answer is longer than ${SEED_ANSWER_MAX} characters`;
  return null;
}

function validated(entries: SeedEntry[], errors: string[] = []): ParsedSeedFile {
  const ok: SeedEntry[] = [];
  for (const entry of entries) {
    const problem = check(entry);
    if (problem) errors.push(problem);
    else ok.push(entry);
  }
  return { entries: ok, errors };
}

export function parseMarkdownSeed(text: string): ParsedSeedFile {
  const entries: SeedEntry[] = [];
  let current: { question: string; line: number; body: string[] } | undefined;
  let inFence = false;
  const flush = () => {
    if (current)
      entries.push({
        question: current.question,
        answer: current.body.join('\n').trim(),
        at: `line ${current.line}`,
      });
  };
  text.split(/\r?\n/).forEach((line, i) => {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    // An ATX closing sequence needs a space before it: "## What is C#?" keeps its "#".
    const heading = inFence ? null : /^##\s+(.*?)(?:\s+#+)?\s*$/.exec(line);
    if (heading) {
      flush();
      current = { question: heading[1]!.trim(), line: i + 1, body: [] };
    } else current?.body.push(line);
  });
  flush();
  if (entries.length === 0) return { entries, errors: ['no "## question" headings found'] };
  return validated(entries);
}

export function parseJsonSeed(text: string): ParsedSeedFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { entries: [], errors: [`invalid JSON (${(err as Error).message})`] };
  }
  if (!Array.isArray(data))
    return { entries: [], errors: ['expected an array of {question, answer} objects'] };
  const errors: string[] = [];
  const entries: SeedEntry[] = [];
  data.forEach((item: unknown, i) => {
    const at = `entry ${i + 1}`;
    const { question, answer } = (item ?? {}) as { question?: unknown; answer?: unknown };
    if (typeof question !== 'string' || typeof answer !== 'string')
      errors.push(`${at}: expected {"question": "...", "answer": "..."} with string values`);
    else entries.push({ question: question.trim(), answer: answer.trim(), at });
  });
  return validated(entries, errors);
}
