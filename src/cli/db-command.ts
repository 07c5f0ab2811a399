import path from 'node:path';
import type { Config } from '../config.ts';
import type { Logger } from '../core/ports.ts';
import { migrateDataDir } from '../store/migrate-data-dir.ts';
import { type CommandIO, EXIT, parseCommand } from './command.ts';

const SPEC = {
  name: 'db',
  usage: 'usage: heed db migrate   copy the SQLite-backed data in HEED_DATA_DIR into the database\n',
  options: {},
  positionals: true,
} as const;

/**
 * `heed db migrate`: copies every document of the earlier embedded database (FerretDB on SQLite files in
 * HEED_DATA_DIR) into the current one — the embedded PostgreSQL-backed one, or MONGODB_URI when set.
 * Re-running copies nothing new; nothing is deleted.
 */
export async function dbCommand(
  args: string[],
  deps: { config: Config; env: NodeJS.ProcessEnv; io: CommandIO; logger: Logger },
): Promise<number> {
  const { io, config } = deps;
  const parsed = parseCommand(args, SPEC, io);
  if ('exit' in parsed) return parsed.exit;
  const { positionals } = parsed;
  if (positionals.length !== 1 || positionals[0] !== 'migrate') {
    io.stderr(SPEC.usage);
    return EXIT.usage;
  }
  const dataDir = path.resolve(config.mongo.dataDir);
  const target = config.mongo.uri
    ? 'MONGODB_URI'
    : `the embedded database (${path.join(dataDir, 'postgres')})`;
  const copies = await migrateDataDir(config.mongo, deps.logger, deps.env, {
    note: (m) => io.stderr(`${m}\n`),
    start: (files) => io.stdout(`copying ${files.join(', ')} from ${dataDir} into ${target}\n`),
    collection: (c) =>
      io.stdout(
        `  ${c.db}.${c.collection}: ${c.source} documents, ${c.copied} copied, ${c.present} already there\n`,
      ),
  });
  if (!copies) {
    io.stdout(`nothing to migrate: no SQLite data (*.sqlite) in ${dataDir}\n`);
    return EXIT.ok;
  }
  const sum = (k: 'source' | 'copied' | 'present') => copies.reduce((n, c) => n + c[k], 0);
  io.stdout(
    `done: ${copies.length} collections, ${sum('source')} documents, ${sum('copied')} copied, ${sum('present')} already there.\n` +
      `Nothing was deleted: the SQLite files stay in ${dataDir} (heed no longer reads them; move them away once you are satisfied).\n`,
  );
  return EXIT.ok;
}
