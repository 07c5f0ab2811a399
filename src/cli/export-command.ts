import type { Writable } from 'node:stream';
import { datasetRows, sourceTotal } from '../core/datasets/datasets.ts';
import { CSV_COLUMNS, DATASETS, type DatasetName } from '../core/datasets/schemas.ts';
import { errorMessage } from '../core/errors.ts';
import type { DataExportSource, ExportFilter, PrivacyRepository } from '../core/ports.ts';
import { PLATFORMS, type Platform } from '../core/types.ts';
import { parseUserRef } from '../core/user-ref.ts';
import { type CommandIO, EXIT, type ParsedCommand, parseCommand, runCommand, usageError } from './command.ts';
import { csvHeader, openSink, progressBar, rowFormatter } from './export-sink.ts';

const USAGE = `usage: heed export <dataset> [--format jsonl|csv] [--since YYYY-MM-DD] [--until YYYY-MM-DD]
                   [--platform slack|discord|web] [--out FILE] [--include-upvoted]
       heed export user --user <platform>:<userId> [--out FILE]
datasets: ${DATASETS.join(', ')} (CSV for feedback, interactions, reviews)
--since/--until are UTC days, both included; --include-upvoted adds 👍-majority answers to openai-sft
`;
const SPEC = {
  name: 'export',
  usage: USAGE,
  positionals: true,
  options: {
    format: { type: 'string' },
    since: { type: 'string' },
    until: { type: 'string' },
    platform: { type: 'string' },
    out: { type: 'string' },
    user: { type: 'string' },
    'include-upvoted': { type: 'boolean' },
  },
} as const;

export interface ExportDeps {
  /** The store's export reads and its privacy port (for `export user`). */
  store: { exports: DataExportSource; privacy: PrivacyRepository };
  io: CommandIO;
  /** Where rows go without --out (process.stdout in the CLI); io.stdout when absent. */
  stdout?: Writable;
  /** The progress bar's terminal (process.stderr in the CLI); drawn only when it is a TTY. */
  progress?: NodeJS.WriteStream;
  now?: () => Date;
}

class UsageError extends Error {}

const DAY_MS = 86_400_000;
function day(flag: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const d = new Date(`${value}T00:00:00.000Z`);
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(value) ||
    Number.isNaN(d.getTime()) ||
    d.toISOString().slice(0, 10) !== value
  )
    throw new UsageError(`${flag} must be a date like 2026-11-02, got "${value}"`);
  return d;
}

/** What the flags ask for, checked together; a UsageError says what is wrong. */
function validate({ values, positionals }: ParsedCommand<typeof SPEC.options>) {
  if (positionals.length !== 1) throw new UsageError('name one dataset');
  const [name] = positionals as [string];
  if (name !== 'user' && !DATASETS.includes(name as DatasetName))
    throw new UsageError(`unknown dataset "${name}"`);
  const format = values.format ?? 'jsonl';
  if (format !== 'jsonl' && format !== 'csv')
    throw new UsageError(`--format must be jsonl or csv, got "${format}"`);
  if (format === 'csv' && (name === 'user' || !CSV_COLUMNS[name as DatasetName]))
    throw new UsageError(`${name} is JSON only (its rows are nested); use --format jsonl`);
  if (values.platform !== undefined && !PLATFORMS.includes(values.platform as Platform))
    throw new UsageError(`--platform must be one of ${PLATFORMS.join(', ')}, got "${values.platform}"`);
  const since = day('--since', values.since);
  const untilDay = day('--until', values.until);
  const until = untilDay ? new Date(untilDay.getTime() + DAY_MS) : undefined;
  if (since && until && since >= until) throw new UsageError('--since must not be after --until');
  if (name === 'user' && !values.user) throw new UsageError('export user needs --user <platform>:<userId>');
  if (name !== 'user' && values.user) throw new UsageError('--user is for "heed export user"');
  if (name === 'user') parseUserRef(values.user ?? '');
  const filter: ExportFilter = { since, until, platform: values.platform as Platform | undefined };
  return {
    name: name as DatasetName | 'user',
    format: format as 'jsonl' | 'csv',
    filter,
    out: values.out,
    user: values.user,
    includeUpvoted: values['include-upvoted'] === true,
  };
}

/** `heed export …`: streams one dataset (or one person's data) to stdout or --out. Returns the exit code. */
export async function exportCommand(args: string[], deps: ExportDeps): Promise<number> {
  const parsed = parseCommand(args, SPEC, deps.io);
  if ('exit' in parsed) return parsed.exit;
  let opts: ReturnType<typeof validate>;
  try {
    opts = validate(parsed);
  } catch (err) {
    return usageError(deps.io, SPEC, errorMessage(err));
  }
  return runCommand(deps.io, SPEC.name, async () => {
    const sink = await openSink(opts.out, deps);
    if (opts.name === 'user') {
      const data = await deps.store.privacy.exportUser(
        parseUserRef(opts.user ?? ''),
        (deps.now ?? (() => new Date()))(),
      );
      await sink.write(`${JSON.stringify(data, null, 2)}\n`);
      await sink.close();
      return EXIT.ok;
    }
    const src = deps.store.exports;
    const options = { includeUpvoted: opts.includeUpvoted };
    // The total is counted only for a bar on a terminal: counting is a full pass on the embedded server.
    const total = deps.progress?.isTTY ? await sourceTotal(opts.name, src, opts.filter, options) : 0;
    const bar = progressBar(deps.progress, `export ${opts.name}`, total);
    try {
      const columns = CSV_COLUMNS[opts.name];
      if (opts.format === 'csv' && columns) await sink.write(csvHeader(columns));
      const format = rowFormatter(opts.format, columns);
      for await (const row of datasetRows(opts.name, src, opts.filter, { ...options, tick: bar.tick })) {
        await sink.write(format(row));
        bar.row();
      }
    } finally {
      bar.stop();
    }
    await sink.close();
    return EXIT.ok;
  });
}
