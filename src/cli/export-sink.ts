import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import cliProgress from 'cli-progress';
import { stringify } from 'csv-stringify/sync';
import { csvRecord } from '../core/datasets/flat-rows.ts';
import type { CommandIO } from './command.ts';

/** Where an export's text goes, honouring backpressure so memory stays flat. */
export interface Sink {
  write(chunk: string): Promise<void>;
  close(): Promise<void>;
}

function streamSink(stream: Writable, end: boolean): Sink {
  let failed: Error | undefined;
  stream.on('error', (err) => {
    failed = err;
  });
  return {
    async write(chunk) {
      if (failed) throw failed;
      // `once` rejects when the stream errors while we wait.
      if (!stream.write(chunk)) await once(stream, 'drain');
      if (failed) throw failed;
    },
    async close() {
      if (failed) throw failed;
      if (!end) return;
      stream.end();
      await once(stream, 'finish');
    },
  };
}

/** `--out FILE` (opened first, so a bad path fails before any work), a given stream, or the IO's stdout. */
export async function openSink(
  out: string | undefined,
  deps: { io: CommandIO; stdout?: Writable },
): Promise<Sink> {
  if (out) {
    const file = createWriteStream(out);
    await Promise.race([once(file, 'open'), once(file, 'error').then(([err]) => Promise.reject(err))]);
    return streamSink(file, true);
  }
  if (deps.stdout) return streamSink(deps.stdout, false);
  return {
    write: async (chunk) => void deps.io.stdout(chunk),
    close: async () => {},
  };
}

/** One row as text: a JSON line, or an RFC 4180 CSV record (CRLF, quotes doubled). */
export function rowFormatter(format: 'jsonl' | 'csv', columns: readonly string[] | undefined) {
  if (format === 'jsonl') return (row: object) => `${JSON.stringify(row)}\n`;
  const cols = columns ?? [];
  return (row: object) =>
    stringify([csvRecord(row as Record<string, unknown>, cols)], { record_delimiter: '\r\n' });
}

export function csvHeader(columns: readonly string[]): string {
  return stringify([[...columns]], { record_delimiter: '\r\n' });
}

/** A progress bar on `stream` when it is a terminal; otherwise nothing is drawn. */
export interface Progress {
  /** A source document was read. */
  tick(): void;
  /** A row was written. */
  row(): void;
  stop(): void;
}

export function progressBar(stream: NodeJS.WriteStream | undefined, label: string, total: number): Progress {
  if (!stream?.isTTY) return { tick() {}, row() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: `${label} [{bar}] {percentage}% | {value}/{total} documents read | {rows} rows`,
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(Math.max(total, 1), 0, { rows: 0 });
  let rows = 0;
  return {
    tick: () => bar.increment(1, { rows }),
    row: () => {
      rows++;
    },
    stop: () => {
      bar.update({ rows });
      bar.stop();
    },
  };
}
