import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { access, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import pg from 'pg';
import { HeedError } from '../core/errors.ts';
import { freePort } from './free-port.ts';
import type { PgBinaries } from './pg-binaries.ts';
import { ownBy, type PgRunAs } from './pg-user.ts';

const run = promisify(execFile);

export interface PgServer {
  port: number;
  /** Connection URL for `database` (with the password: never log it). */
  url(database: string): string;
  stop(): Promise<void>;
}

export interface PgServerOptions {
  bins: PgBinaries;
  /** The cluster's folder (created by initdb on first start). */
  dataDir: string;
  /** The server's log (heed appends the server's stderr to it). */
  logFile: string;
  user: string;
  password: string;
  runAs?: PgRunAs;
  /** false: fsync off (tests). Default true. */
  durable?: boolean;
}

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

/**
 * Creates the cluster on first use (initdb into a temporary folder, then renamed, so a crash cannot
 * leave half a cluster) with password (SCRAM) authentication, then runs `postgres` on 127.0.0.1 only,
 * a random free port and no Unix socket, and waits until it accepts a login.
 */
export async function startPgServer(opts: PgServerOptions): Promise<PgServer> {
  if (!(await exists(path.join(opts.dataDir, 'PG_VERSION')))) await initCluster(opts);
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      return await launch(opts, port);
    } catch (err) {
      // Another process may have taken the free port between the probe and the bind: try another.
      if (attempt >= 3 || !/could not (bind|create listen)/i.test(String((err as Error).message))) throw err;
    }
  }
}

async function initCluster(opts: PgServerOptions): Promise<void> {
  const parent = path.dirname(opts.dataDir);
  const tmp = `${opts.dataDir}.init-${process.pid}`;
  const pwfile = path.join(parent, `.pg-pwfile-${process.pid}`);
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { mode: 0o700 });
  await ownBy(tmp, opts.runAs);
  await writeFile(pwfile, `${opts.password}\n`, { mode: 0o600 });
  await ownBy(pwfile, opts.runAs);
  try {
    const args = [`--pgdata=${tmp}`, `--username=${opts.user}`, `--pwfile=${pwfile}`];
    args.push('--auth=scram-sha-256', '--encoding=UTF8', '--locale=C');
    if (opts.durable === false) args.push('--no-sync');
    await run(opts.bins.initdb, args, { ...ids(opts.runAs), cwd: '/', env: pgEnv(), maxBuffer: 1 << 20 });
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new HeedError('store', `initdb failed: ${(e.stderr || e.message).trim().slice(-2000)}`, {
      cause: err,
    });
  } finally {
    await rm(pwfile, { force: true });
  }
  await rename(tmp, opts.dataDir);
}

async function launch(opts: PgServerOptions, port: number): Promise<PgServer> {
  const settings = [
    'listen_addresses=127.0.0.1',
    'unix_socket_directories=',
    // FerretDB sends its queries as prepared statements with the field name as a parameter
    // (`_jsonb->$1 @> $2`); only a custom plan can match heed's GIN expression indexes.
    'plan_cache_mode=force_custom_plan',
    'max_connections=150',
    ...(opts.durable === false ? ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off'] : []),
  ];
  const args = ['-D', opts.dataDir, '-p', String(port), ...settings.flatMap((s) => ['-c', s])];
  const logFile = createWriteStream(opts.logFile, { flags: 'a', mode: 0o600 });
  const child = spawn(opts.bins.postgres, args, {
    ...ids(opts.runAs),
    cwd: '/',
    env: pgEnv(),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  child.stderr?.pipe(logFile);
  logFile.on('error', () => {}); // a full disk must not take heed down; the server reports its own state
  // Immediate shutdown (SIGQUIT) if node exits without stopping it: the server stops its own
  // backends, which a SIGKILL of the postmaster would leave behind.
  const killOnExit = () => child.kill('SIGQUIT');
  process.once('exit', killOnExit);
  const server: PgServer = {
    port,
    url: (database) =>
      `postgres://${encodeURIComponent(opts.user)}:${encodeURIComponent(opts.password)}@127.0.0.1:${port}/${database}?sslmode=disable`,
    async stop() {
      process.off('exit', killOnExit);
      await stopPostgres(child);
    },
  };
  try {
    await waitReady(server.url('postgres'), child, () => stderr);
  } catch (err) {
    await server.stop();
    throw err;
  }
  return server;
}

async function waitReady(url: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new HeedError('store', `PostgreSQL exited at start: ${stderr().trim().slice(-2000)}`);
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (err) {
      if (Date.now() > deadline)
        throw new HeedError('store', `PostgreSQL did not accept a login within 60 s: ${stderr().trim()}`, {
          cause: err,
        });
    } finally {
      await client.end().catch(() => {});
    }
    await sleep(50);
  }
}

/** Creates `database` unless it exists. */
export async function ensurePgDatabase(server: PgServer, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: server.url('postgres') });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

async function stopPostgres(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGINT'); // fast shutdown: ends sessions, checkpoints, exits
  const quit = setTimeout(() => child.kill('SIGQUIT'), 15_000);
  const kill = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(quit);
  clearTimeout(kill);
}

function ids(runAs: PgRunAs | undefined): { uid?: number; gid?: number } {
  return runAs ? { uid: runAs.uid, gid: runAs.gid } : {};
}

/** Messages in English (heed reads them) and no inherited PG* variables pointing elsewhere. */
function pgEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { LC_MESSAGES: 'C', LANG: 'C' };
  for (const key of ['PATH', 'TZ']) if (process.env[key]) env[key] = process.env[key];
  return env;
}
