import { parseArgs } from 'node:util';
import { errorMessage } from '../core/errors.ts';
import type { FeedbackStore } from '../core/ports.ts';
import { excerptLine } from '../core/presentation/excerpt.ts';
import { IdSchema } from '../core/schemas.ts';
import type { Actor, InstructionsVersion, KnowledgeEntry } from '../core/types.ts';

export interface CommandDeps {
  store: FeedbackStore;
  io: { stdout(s: string): void; stderr(s: string): void };
}

/** Exit codes: 0 done, 1 unexpected failure (e.g. the database), 2 bad usage or unknown id. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

const KNOWLEDGE_USAGE = 'usage: heed knowledge list [--json] | heed knowledge show <id> [--json]';
const INSTRUCTIONS_USAGE = 'usage: heed instructions show [--json] | heed instructions history [--json]';

const oneLine = (s: string, max = 70) => excerptLine(s, max);
const who = (a: Actor | undefined) => (a ? `${a.name ?? a.userId} (${a.platform})` : '-');
const when = (d: Date) => new Date(d).toISOString();
const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

type Parsed = { json: boolean; positionals: string[] } | { exit: number };

/**
 * `[--json] [--help]` and the positionals, via node's parseArgs (strict: an unknown flag is a usage
 * error that names it). `exit` when the flags were bad or help was asked for (already answered).
 */
function parse(args: string[], command: string, usage: string, io: CommandDeps['io']): Parsed {
  try {
    const { values, positionals } = parseArgs({
      args,
      options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: true,
    });
    if (values.help) {
      io.stdout(`${usage}\n`);
      return { exit: EXIT.ok };
    }
    return { json: values.json === true, positionals };
  } catch (err) {
    io.stderr(`heed ${command}: ${errorMessage(err)}\n${usage}\n`);
    return { exit: EXIT.usage };
  }
}

async function run(deps: CommandDeps, fn: () => Promise<number>): Promise<number> {
  try {
    return await fn();
  } catch (err) {
    deps.io.stderr(`error: ${errorMessage(err)}\n`);
    return EXIT.failed;
  }
}

/** `heed knowledge list|show <id>`: the latest entry per pattern, or one entry with its version history. */
export async function knowledgeCommand(args: string[], deps: CommandDeps): Promise<number> {
  const { io, store } = deps;
  const parsed = parse(args, 'knowledge', KNOWLEDGE_USAGE, io);
  if ('exit' in parsed) return parsed.exit;
  const asJson = parsed.json;
  const [sub, id, ...rest] = parsed.positionals;
  if (sub === 'list' && id === undefined) {
    return run(deps, async () => {
      const entries = await store.knowledge.listLatest();
      if (asJson) io.stdout(json(entries));
      else if (entries.length === 0) io.stdout('No knowledge entries yet.\n');
      else for (const e of entries) io.stdout(listLine(e));
      return EXIT.ok;
    });
  }
  if (sub === 'show' && id !== undefined && rest.length === 0) {
    if (!IdSchema.safeParse(id).success) {
      io.stderr(`error: "${oneLine(id, 40)}" is not a knowledge entry id (24 hex characters).\n`);
      return EXIT.usage;
    }
    return run(deps, async () => {
      const entry = await store.knowledge.get(id);
      if (!entry) {
        io.stderr(`error: no knowledge entry with id ${id}. Run "heed knowledge list" to see the ids.\n`);
        return EXIT.usage;
      }
      const history = await store.knowledge.history(entry.patternKey);
      io.stdout(asJson ? json({ entry, history }) : showEntry(entry, history));
      return EXIT.ok;
    });
  }
  io.stderr(`${KNOWLEDGE_USAGE}\n`);
  return EXIT.usage;
}

/** `heed instructions show|history`: the current instructions version, or every version, newest first. */
export async function instructionsCommand(args: string[], deps: CommandDeps): Promise<number> {
  const { io, store } = deps;
  const parsed = parse(args, 'instructions', INSTRUCTIONS_USAGE, io);
  if ('exit' in parsed) return parsed.exit;
  const asJson = parsed.json;
  const rest = parsed.positionals;
  if (rest.length === 1 && rest[0] === 'show') {
    return run(deps, async () => {
      const current = await store.instructions.current();
      if (asJson) io.stdout(json(current));
      else if (!current) io.stdout('No instructions yet: the assistant uses its base instructions only.\n');
      else io.stdout(`${versionHeader(current)}\n\n${current.text}\n`);
      return EXIT.ok;
    });
  }
  if (rest.length === 1 && rest[0] === 'history') {
    return run(deps, async () => {
      const versions = await store.instructions.history(1000);
      if (asJson) io.stdout(json(versions));
      else if (versions.length === 0) io.stdout('No instructions versions yet.\n');
      else for (const v of versions) io.stdout(`${versionHeader(v)}  ${oneLine(v.text, 60)}\n`);
      return EXIT.ok;
    });
  }
  io.stderr(`${INSTRUCTIONS_USAGE}\n`);
  return EXIT.usage;
}

function listLine(e: KnowledgeEntry): string {
  return `${e.id}  v${e.version}  ${e.source.padEnd(10)}  ${oneLine(e.question)}\n`;
}

function versionHeader(v: InstructionsVersion): string {
  const review = v.reviewId ? `  review ${v.reviewId}` : '';
  return `v${v.version}  ${when(v.createdAt)}  by ${who(v.author)}${review}`;
}

function showEntry(e: KnowledgeEntry, history: KnowledgeEntry[]): string {
  const lines = [
    `id:          ${e.id}`,
    `pattern:     ${e.patternKey}`,
    `version:     ${e.version}${history[0] && history[0].id !== e.id ? ` (latest is v${history[0].version})` : ''}`,
    `source:      ${e.source}${e.reviewId ? ` (review ${e.reviewId})` : ''}`,
    `approved by: ${who(e.approvedBy)}`,
    `created:     ${when(e.createdAt)}`,
    `question:    ${e.question}`,
    '',
    e.answer,
    '',
    'versions:',
    ...history.map(
      (h) => `  v${h.version}  ${h.id}  ${h.source.padEnd(10)}  ${when(h.createdAt)}  ${who(h.approvedBy)}`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}
