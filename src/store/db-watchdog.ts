import { errorMessage } from '../core/errors.ts';
import type { Logger } from '../core/ports.ts';
import { type DbProcess, databaseProcesses, isAlive, isListening, localPort } from './db-processes.ts';

export interface DbWatchdog {
  /** Resolves once the database's processes were found (empty: nothing to watch, or it was lost). */
  readonly ready: Promise<DbProcess[]>;
  stop(): void;
}

export interface DbWatchdogOptions {
  /** The embedded database's address; its processes are found through /proc (Linux). */
  uri: string;
  logger: Logger;
  /** Called once, with a message for the operator, when a database process has died. */
  onLost(message: string): void;
  intervalMs?: number;
}

const lostMessage = (what: string) =>
  `heed: the embedded database stopped (${what}). heed cannot work without it and exits now with code 1; start heed again (a process manager restarts it) and the database starts with it, keeping its data.`;

/**
 * Watches the embedded database's processes (FerretDB and the PostgreSQL server behind it). A paused or
 * busy server is only slow — requests wait or fail and are retried, heed stays up; a process that has
 * exited will not come back, so the watchdog says so once and hands over to `onLost` (npm start exits
 * non-zero then, so a process manager restarts heed and with it the database).
 */
export function watchDatabase(opts: DbWatchdogOptions): DbWatchdog {
  const intervalMs = opts.intervalMs ?? 1000;
  const port = localPort(opts.uri);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());
  const lose = (what: string, fields: object) => {
    if (stopped) return;
    stopped = true;
    opts.logger.error(fields, 'embedded database process exited');
    opts.onLost(lostMessage(what));
  };

  const ready = (async (): Promise<DbProcess[]> => {
    // The stack may still be settling (PostgreSQL connections open lazily): look a few times.
    let watched: DbProcess[] = [];
    for (let attempt = 0; attempt < 10 && !stopped; attempt++) {
      const found = await databaseProcesses(opts.uri).catch(() => []);
      watched = found.filter((p) => p.role !== 'backend');
      const hasFront = watched.some((p) => p.role === 'front');
      if (hasFront && (found.some((p) => p.role === 'server') || attempt >= 4)) return watched;
      // Nothing listens on the port any more: FerretDB died before it could be watched (PostgreSQL
      // behind it may still run, so a found server alone is not enough to watch).
      if (!hasFront && port && (await isListening(port)) === false) {
        lose(`nothing listens on port ${port} any more`, { port });
        return [];
      }
      await sleep(200);
    }
    return stopped ? [] : watched;
  })();

  void ready.then((watched) => {
    if (stopped) return;
    if (watched.length === 0) {
      opts.logger.debug({ port }, 'database watchdog: no local database processes to watch');
      return;
    }
    opts.logger.debug(
      { processes: watched.map((p) => `${p.name}:${p.pid}`) },
      'database watchdog: watching the embedded database',
    );
    const check = async () => {
      try {
        for (const p of watched) {
          if (stopped) return;
          if (!(await isAlive(p.pid))) {
            lose(`${p.name}, pid ${p.pid}, exited`, { process: p.name, pid: p.pid });
            return;
          }
        }
      } catch (err) {
        opts.logger.warn({ err: errorMessage(err) }, 'database watchdog check failed');
      }
      if (stopped) return;
      timer = setTimeout(() => void check(), intervalMs);
      timer.unref();
    };
    void check();
  });

  return {
    ready,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
