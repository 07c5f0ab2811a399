import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { loadOrCreateCredentials } from './db-credentials.ts';
import { startFerretdb } from './embedded-ferretdb.ts';
import { findPgBinaries, pgInstallDir } from './pg-binaries.ts';
import { ensurePgDatabase, type PgServer, startPgServer } from './pg-server.ts';
import { makeEnterable, pgRunAs } from './pg-user.ts';

/** heed's own database stack: PostgreSQL, and FerretDB 1.24 (PostgreSQL backend) in front of it. */
export interface EmbeddedDatabase {
  /** The driver's URI, with credentials: never log it. */
  uri: string;
  /** FerretDB's port. */
  port: number;
  /** PostgreSQL's URL for the database FerretDB uses, with credentials: never log it. */
  pgUrl: string;
  pgPort: number;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** HEED_DATA_DIR: the cluster lives in `<dataDir>/postgres`, its log in `<dataDir>/postgres.log`. */
  dataDir: string;
  ferretdbBinary: string;
  /** PG_BIN; default the npm package's binaries. */
  pgBin?: string;
  /** false: no fsync (tests). */
  durable?: boolean;
  log?: (msg: string, fields?: Record<string, unknown>) => void;
}

/** The PostgreSQL database FerretDB keeps its schemas (one per MongoDB database) in. */
const FERRETDB_PG_DATABASE = 'ferretdb';
/**
 * The driver's pool stays below FerretDB's: each FerretDB update holds two PostgreSQL connections, and
 * with the two pools equal (50/50) a burst of 50+ concurrent updates hung. 20 per client × 2 against
 * 140 leaves room for three clients (heed, the CLI, a bench) at once, below PostgreSQL's 150. A pool
 * of 40 drained 200 clicks/s faster (4.7–6.1 s against 7–11 s) but, in one scale run each, doubled
 * 👎 processing at 100k feedback (58.8 against 25.2 ms p50), so it stays 20.
 */
export const DRIVER_MAX_POOL = 20;
export const FERRETDB_PG_POOL = 140;

/**
 * Starts PostgreSQL (as the `postgres` user when heed is root) and FerretDB on it, both on 127.0.0.1
 * and random ports, with the login kept in `<dataDir>/db-credentials.json`. Both stop on `stop()`, on
 * SIGINT/SIGTERM when nobody else handles them, and are killed if node exits.
 */
export async function startEmbedded(opts: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const log = opts.log ?? (() => {});
  const dataDir = path.resolve(opts.dataDir);
  await mkdir(dataDir, { recursive: true });
  const creds = await loadOrCreateCredentials(dataDir);
  const bins = await findPgBinaries(opts.pgBin);
  const runAs = await pgRunAs();
  if (runAs) {
    if (runAs.created) log(`created the system user ${runAs.user} (uid ${runAs.uid}) for PostgreSQL`);
    const opened = await makeEnterable([dataDir, pgInstallDir(bins)]);
    log(
      `heed runs as root; PostgreSQL refuses to, so it runs as ${runAs.user} (uid ${runAs.uid}) and owns ${path.join(dataDir, 'postgres')}`,
      { openedFolders: opened },
    );
  }
  const pg: PgServer = await startPgServer({
    bins,
    dataDir: path.join(dataDir, 'postgres'),
    logFile: path.join(dataDir, 'postgres.log'),
    user: creds.user,
    password: creds.password,
    runAs,
    durable: opts.durable,
  });
  let ferret: Awaited<ReturnType<typeof startFerretdb>>;
  try {
    await ensurePgDatabase(pg, FERRETDB_PG_DATABASE);
    // No password in FerretDB's URL (nor its command line): it uses the one each client sends.
    const ferretUrl = `postgres://${creds.user}@127.0.0.1:${pg.port}/${FERRETDB_PG_DATABASE}?sslmode=disable&pool_max_conns=${FERRETDB_PG_POOL}`;
    ferret = await startFerretdb({
      binary: opts.ferretdbBinary,
      backend: { handler: 'postgresql', url: ferretUrl },
      stateDir: dataDir,
      auth: creds,
      uriOptions: { maxPoolSize: String(DRIVER_MAX_POOL) },
    });
  } catch (err) {
    await pg.stop();
    throw err;
  }
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      for (const sig of SIGNALS) process.off(sig, onSignal);
      await ferret.stop();
      await pg.stop();
    })();
    return stopping;
  };
  // A process that handles SIGINT/SIGTERM itself (npm start) stops the stack through close(); for one
  // that does not (the CLI) the default would exit at once and leave both servers running.
  const onSignal = (signal: NodeJS.Signals) => {
    if (process.listenerCount(signal) > 1) return;
    void stop().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  for (const sig of SIGNALS) process.on(sig, onSignal);
  return { uri: ferret.uri, port: ferret.port, pgUrl: pg.url(FERRETDB_PG_DATABASE), pgPort: pg.port, stop };
}

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
