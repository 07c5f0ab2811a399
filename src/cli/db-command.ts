import path from 'node:path';
import type { Config } from '../config.ts';
import type { Logger } from '../core/ports.ts';
import { findOrBuildFerretdb } from '../store/ferretdb-binary.ts';
import { migrateSqlite } from '../store/migrate-sqlite.ts';
import { openDatabase } from '../store/open-database.ts';
import { sqliteDataFiles } from '../store/sqlite-data.ts';
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
  const files = await sqliteDataFiles(dataDir);
  if (files.length === 0) {
    io.stdout(`nothing to migrate: no SQLite data (*.sqlite) in ${dataDir}\n`);
    return 0;
  }
  const ferretdbBinary = await findOrBuildFerretdb(
    { ...deps.env, FERRETDB_BIN: config.mongo.ferretdbBin },
    (m) => io.stderr(`${m}\n`),
  );
  const database = await openDatabase(config.mongo, deps.logger, deps.env, { allowSqliteData: true });
  try {
    const target = config.mongo.uri
      ? 'MONGODB_URI'
      : `the embedded database (${path.join(dataDir, 'postgres')})`;
    io.stdout(`copying ${files.join(', ')} from ${dataDir} into ${target}\n`);
    const copies = await migrateSqlite({
      dataDir,
      ferretdbBinary,
      target: database.store.client,
      onCollection: (c) =>
        io.stdout(
          `  ${c.db}.${c.collection}: ${c.source} documents, ${c.copied} copied, ${c.present} already there\n`,
        ),
    });
    const sum = (k: 'source' | 'copied' | 'present') => copies.reduce((n, c) => n + c[k], 0);
    io.stdout(
      `done: ${copies.length} collections, ${sum('source')} documents, ${sum('copied')} copied, ${sum('present')} already there.\n` +
        `Nothing was deleted: the SQLite files stay in ${dataDir} (heed no longer reads them; move them away once you are satisfied).\n`,
    );
    return 0;
  } finally {
    await database.close();
  }
}
