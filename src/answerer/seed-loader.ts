import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { errorMessage } from '../core/errors.ts';
import type { Clock, FeedbackStore, Logger } from '../core/ports.ts';
import { systemClock } from '../core/ports.ts';
import { type ParsedSeedFile, parseJsonSeed, parseMarkdownSeed } from './seed-format.ts';

export interface SeedOptions {
  dir: string;
  store: FeedbackStore;
  patternKey: (q: string) => Promise<string>;
  logger: Logger;
  clock?: Clock;
}

export interface SeedResult {
  /** Valid entries found (already present ones included: seeding is idempotent). */
  loaded: number;
  /** Entries (or whole files) that could not be loaded; see `errors`. */
  skipped: number;
  errors: string[];
}

const PARSERS: Record<string, (text: string) => ParsedSeedFile> = {
  '.md': parseMarkdownSeed,
  '.markdown': parseMarkdownSeed,
  '.json': parseJsonSeed,
};

async function seedFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && PARSERS[path.extname(e.name).toLowerCase()])
    .filter((e) => !/^readme\.(md|markdown)$/i.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/**
 * Loads the Q&A files of `dir` into the knowledge base. Idempotent: an entry already seeded with the same
 * answer is not added again, across restarts and across instances starting together (each entry is
 * claimed once through the durable delivery keys). A bad file or entry is reported with its location and
 * the others still load.
 */
export async function loadSeedKnowledge(opts: SeedOptions): Promise<SeedResult> {
  const clock = opts.clock ?? systemClock;
  const result: SeedResult = { loaded: 0, skipped: 0, errors: [] };
  let files: string[];
  try {
    files = await seedFiles(opts.dir);
  } catch (err) {
    opts.logger.warn({ dir: opts.dir, err: errorMessage(err) }, 'no seed knowledge loaded (KNOWLEDGE_DIR)');
    return result;
  }
  for (const file of files) {
    const report = (problem: string) => {
      const message = `${file}: ${problem}`;
      result.errors.push(message);
      result.skipped++;
      opts.logger.error({ file }, `seed knowledge skipped: ${message}`);
    };
    let parsed: ParsedSeedFile;
    try {
      parsed = PARSERS[path.extname(file).toLowerCase()]!(await readFile(file, 'utf8'));
    } catch (err) {
      report(`cannot read (${errorMessage(err)})`);
      continue;
    }
    parsed.errors.forEach(report);
    for (const entry of parsed.entries) {
      const patternKey = await opts.patternKey(entry.question);
      const claimKey = `knowledge-seed:${createHash('sha256').update(`${patternKey}\0${entry.answer}`).digest('hex')}`;
      try {
        if (await opts.store.deliveries.claim(claimKey, clock.now()))
          await opts.store.knowledge.seed(
            { patternKey, question: entry.question, answer: entry.answer },
            clock.now(),
          );
        result.loaded++;
      } catch (err) {
        report(`${entry.at}: not stored (${errorMessage(err)})`);
      }
    }
  }
  opts.logger.info(
    { dir: opts.dir, files: files.length, ...result, errors: undefined },
    'seed knowledge loaded',
  );
  return result;
}
