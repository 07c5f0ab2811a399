import { summarizeClusters } from '../core/clustering/cluster-summary.ts';
import { clusterTexts } from '../core/clustering/cluster-texts.ts';
import { type CommandIO, EXIT, parseCommand, usageError } from './command.ts';

export interface ClusterCommandIO extends CommandIO {
  readFile(path: string): Promise<string>;
  /** Replaces the lexical clusterer when set (embeddings); `--threshold` always means the lexical one. */
  cluster?: (texts: readonly string[]) => Promise<number[]>;
}

const USAGE =
  'usage: heed cluster --input <file.jsonl> [--json] [--threshold X]\n' +
  '  Each input line is a JSON object with a string "text"; other fields are kept.\n' +
  '  Default output: each line again, with a "cluster" id (0 = largest cluster).\n' +
  '  --json: one document {clusters: [{id, size, representative, members}], items}.\n' +
  '  --threshold: merge similarity, 0–1 (default: tuned; higher → more, tighter clusters).\n';
const SPEC = {
  name: 'cluster',
  usage: USAGE,
  options: {
    input: { type: 'string', short: 'i' },
    json: { type: 'boolean' },
    threshold: { type: 'string' },
  },
} as const;
const MAX_REPORTED_ERRORS = 10;

type Item = Record<string, unknown> & { text: string };

/** Parses JSON lines; blank lines are skipped. Errors name the 1-based line number. */
function parseItems(content: string): { items: Item[]; errors: string[] } {
  const items: Item[] = [];
  const errors: string[] = [];
  content.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      errors.push(`line ${i + 1}: not valid JSON (${(err as Error).message})`);
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      errors.push(`line ${i + 1}: expected a JSON object like {"text": "..."}`);
    } else if (typeof (value as { text?: unknown }).text !== 'string') {
      errors.push(`line ${i + 1}: missing a string "text" field`);
    } else {
      items.push(value as Item);
    }
  });
  return { items, errors };
}

/**
 * `heed cluster --input <file.jsonl> [--json]`: groups lines whose `text` says the same thing.
 * Works offline, without the database. Returns the exit code (2 for bad usage or bad input).
 */
export async function clusterCommand(args: string[], io: ClusterCommandIO): Promise<number> {
  const parsed = parseCommand(args, SPEC, io);
  if ('exit' in parsed) return parsed.exit;
  const { values } = parsed;
  if (!values.input) return usageError(io, SPEC, '--input is required');
  const threshold = values.threshold === undefined ? undefined : Number(values.threshold);
  if (threshold !== undefined && !(threshold >= 0 && threshold <= 1))
    return usageError(io, SPEC, `--threshold must be a number from 0 to 1, got "${values.threshold}"`);
  let content: string;
  try {
    content = await io.readFile(values.input);
  } catch (err) {
    io.stderr(`cannot read ${values.input}: ${(err as Error).message}\n`);
    return EXIT.usage;
  }
  const { items, errors } = parseItems(content);
  if (errors.length > 0) {
    const shown = errors.slice(0, MAX_REPORTED_ERRORS);
    const more = errors.length - shown.length;
    io.stderr(
      `${values.input}: ${shown.join(`\n${values.input}: `)}${more > 0 ? `\n…and ${more} more` : ''}\n`,
    );
    return EXIT.usage;
  }
  const texts = items.map((it) => it.text);
  const { clusters, labels } = summarizeClusters(
    texts,
    threshold === undefined ? await (io.cluster ?? clusterTexts)(texts) : clusterTexts(texts, { threshold }),
  );
  const annotated = items.map((it, i) => ({ ...it, cluster: labels[i]! }));
  if (values.json) {
    const doc = {
      clusters: clusters.map((c) => ({
        id: c.id,
        size: c.size,
        representative: texts[c.representative]!,
        members: c.members.map((i) => texts[i]!),
      })),
      items: annotated,
    };
    io.stdout(`${JSON.stringify(doc, null, 2)}\n`);
  } else {
    io.stdout(annotated.map((it) => `${JSON.stringify(it)}\n`).join(''));
  }
  return EXIT.ok;
}
