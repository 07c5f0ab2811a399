import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { MongoClient } from 'mongodb';
import { HeedError } from '../core/errors.ts';
import { freePort } from './free-port.ts';

export interface FerretdbServer {
  /** The driver's URI (with the credentials when `auth` was given: never log it). */
  uri: string;
  port: number;
  stop(): Promise<void>;
}

/** What FerretDB stores into: SQLite files in a folder (heed ≤ issue 10), or a PostgreSQL database. */
type FerretdbBackend = { handler: 'sqlite'; dir: string } | { handler: 'postgresql'; url: string };

export interface FerretdbOptions {
  binary: string;
  /** SQLite storage in this folder (and the state file there) when `backend` is not given. */
  dataDir?: string;
  backend?: FerretdbBackend;
  /** FerretDB's state.json folder; default the SQLite folder or `dataDir`. */
  stateDir?: string;
  port?: number;
  /** Credentials the driver sends (PLAIN); FerretDB passes them on to PostgreSQL. */
  auth?: { user: string; password: string };
  /** Extra URI options for the driver, e.g. `{ maxPoolSize: '20' }`. */
  uriOptions?: Record<string, string>;
}

/** Starts FerretDB 1.24 on a loopback port and waits until it answers a ping (through its backend). */
export async function startFerretdb(opts: FerretdbOptions): Promise<FerretdbServer> {
  const backend: FerretdbBackend = opts.backend ?? {
    handler: 'sqlite',
    dir: path.resolve(opts.dataDir ?? '.'),
  };
  const stateDir = path.resolve(opts.stateDir ?? (backend.handler === 'sqlite' ? backend.dir : '.'));
  if (backend.handler === 'sqlite') await mkdir(backend.dir, { recursive: true });
  await mkdir(stateDir, { recursive: true });
  const port = opts.port ?? (await freePort());
  const backendArgs =
    backend.handler === 'sqlite'
      ? ['--handler=sqlite', `--sqlite-url=file:${path.resolve(backend.dir)}/`]
      : ['--handler=postgresql', `--postgresql-url=${backend.url}`];
  const child = spawn(
    opts.binary,
    [
      ...backendArgs,
      `--listen-addr=127.0.0.1:${port}`,
      '--telemetry=disable',
      '--debug-addr=-',
      `--state-dir=${stateDir}`,
      '--log-level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const uri = driverUri(port, opts.auth, opts.uriOptions);
  try {
    await waitForPing(uri, port, child, () => stderr);
  } catch (err) {
    child.kill('SIGKILL');
    process.off('exit', killOnExit);
    throw err;
  }
  return {
    uri,
    port,
    async stop() {
      process.off('exit', killOnExit);
      await stopChild(child);
    },
  };
}

/** `mongodb://user:password@127.0.0.1:port/?authMechanism=PLAIN&…` (PLAIN: what FerretDB 1.x forwards). */
export function driverUri(
  port: number,
  auth?: { user: string; password: string },
  options: Record<string, string> = {},
): string {
  const params = new URLSearchParams(options);
  if (auth) params.set('authMechanism', 'PLAIN');
  const cred = auth ? `${encodeURIComponent(auth.user)}:${encodeURIComponent(auth.password)}@` : '';
  const query = params.size ? `?${params}` : '';
  return `mongodb://${cred}127.0.0.1:${port}/${query}`;
}

async function waitForPing(uri: string, port: number, child: ChildProcess, stderr: () => string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new HeedError(
        'store',
        `FerretDB exited with code ${child.exitCode} at start: ${stderr().trim()}`,
      );
    }
    const client = new MongoClient(uri, { serverSelectionTimeoutMS: 500, connectTimeoutMS: 500 });
    try {
      await client.db('admin').command({ ping: 1 });
      return;
    } catch (err) {
      if (Date.now() > deadline)
        throw new HeedError(
          'store',
          `FerretDB did not answer on 127.0.0.1:${port} within 30 s: ${(err as Error).message}; ${stderr().trim()}`,
        );
    } finally {
      await client.close().catch(() => {});
    }
    await sleep(50);
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
