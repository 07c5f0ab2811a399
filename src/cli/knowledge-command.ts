import type { FeedbackStore } from '../core/ports.ts';
import { excerptLine } from '../core/presentation/excerpt.ts';
import { IdSchema } from '../core/schemas.ts';
import type { Actor, InstructionsVersion, KnowledgeEntry } from '../core/types.ts';
import { type CommandIO, EXIT, parseCommand, runCommand } from './command.ts';

export interface CommandDeps {
  store: FeedbackStore;
  io: CommandIO;
}

const KNOWLEDGE = {
  name: 'knowledge',
  usage: 'usage: heed knowledge list [--json] | heed knowledge show <id> [--json]\n',
  options: { json: { type: 'boolean' } },
  positionals: true,
} as const;
const INSTRUCTIONS = {
  ...KNOWLEDGE,
  name: 'instructions',
  usage: 'usage: heed instructions show [--json] | heed instructions history [--json]\n',
} as const;

const oneLine = (s: string, max = 70) => excerptLine(s, max);
const who = (a: Actor | undefined) => (a ? `${a.name ?? a.userId} (${a.platform})` : '-');
const when = (d: Date) => new Date(d).toISOString();
const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

/** A list as JSON, as one line per item, or as the sentence that says it is empty. */
function printList<T>(io: CommandIO, asJson: boolean, items: T[], empty: string, line: (item: T) => string) {
  if (asJson) io.stdout(json(items));
  else if (items.length === 0) io.stdout(empty);
  else for (const item of items) io.stdout(line(item));
  return EXIT.ok;
}

/**
 * What a subcommand's words ask for: the work to run (a failure in it is exit code 1), an exit code when
 * it was answered already, or undefined for words that are no subcommand (the usage, exit code 2).
 */
type Route = (
  words: string[],
  asJson: boolean,
  deps: CommandDeps,
) => (() => Promise<number>) | number | undefined;

/** A command of `[--json]` and subcommands, e.g. `heed knowledge list`. Returns the exit code. */
function withSubcommands(spec: typeof KNOWLEDGE | typeof INSTRUCTIONS, route: Route) {
  return async (args: string[], deps: CommandDeps): Promise<number> => {
    const parsed = parseCommand(args, spec, deps.io);
    if ('exit' in parsed) return parsed.exit;
    const work = route(parsed.positionals, parsed.values.json === true, deps);
    if (typeof work === 'function') return runCommand(deps.io, spec.name, work);
    if (work !== undefined) return work;
    deps.io.stderr(spec.usage);
    return EXIT.usage;
  };
}

/** `heed knowledge list|show <id>`: the latest entry per pattern, or one entry with its version history. */
export const knowledgeCommand = withSubcommands(KNOWLEDGE, ([sub, id, ...rest], asJson, { io, store }) => {
  if (sub === 'list' && id === undefined)
    return async () =>
      printList(io, asJson, await store.knowledge.listLatest(), 'No knowledge entries yet.\n', listLine);
  if (sub !== 'show' || id === undefined || rest.length > 0) return undefined;
  if (!IdSchema.safeParse(id).success) {
    io.stderr(`error: "${oneLine(id, 40)}" is not a knowledge entry id (24 hex characters).\n`);
    return EXIT.usage;
  }
  return async () => {
    const entry = await store.knowledge.get(id);
    if (!entry) {
      io.stderr(`error: no knowledge entry with id ${id}. Run "heed knowledge list" to see the ids.\n`);
      return EXIT.usage;
    }
    const history = await store.knowledge.history(entry.patternKey);
    io.stdout(asJson ? json({ entry, history }) : showEntry(entry, history));
    return EXIT.ok;
  };
});

/** `heed instructions show|history`: the current instructions version, or every version, newest first. */
export const instructionsCommand = withSubcommands(INSTRUCTIONS, (words, asJson, { io, store }) => {
  if (words.length !== 1) return undefined;
  if (words[0] === 'show')
    return async () => {
      const current = await store.instructions.current();
      if (asJson) io.stdout(json(current));
      else if (!current) io.stdout('No instructions yet: the assistant uses its base instructions only.\n');
      else io.stdout(`${versionHeader(current)}\n\n${current.text}\n`);
      return EXIT.ok;
    };
  if (words[0] === 'history')
    return async () =>
      printList(
        io,
        asJson,
        await store.instructions.history(1000),
        'No instructions versions yet.\n',
        (v) => `${versionHeader(v)}  ${oneLine(v.text, 60)}\n`,
      );
  return undefined;
});

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
