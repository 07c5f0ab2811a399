import { errorMessage } from '../core/errors.ts';
import type { Logger } from '../core/ports.ts';
import { type DbProcess, databaseProcesses, isAlive } from './db-processes.ts';

export interface DbWatchdog {
  /** Resolves once the database's processes were found (or it gave up looking: nothing to watch). */
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

/**
 * Watches the embedded database's processes (FerretDB and the PostgreSQL server behind it). A paused or
 * busy server is only slow — requests wait or fail and are retried, heed stays up; a process that has
 * exited will not come back, so the watchdog says so once and hands over to `onLost` (npm start exits
 * non-zero then, so a process manager restarts heed and with it the database).
 */
export function watchDatabase(opts: DbWatchdogOptions): DbWatchdog {
  const intervalMs = opts.intervalMs ?? 1000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const schedule = (fn: () => Promise<void>) => {
    if (stopped) return;
    timer = setTimeout(() => void fn(), intervalMs);
    timer.unref();
  };

  const ready = (async () => {
    // The stack may still be settling (PostgreSQL connections open lazily): look a few times.
    for (let attempt = 0; attempt < 10 && !stopped; attempt++) {
      const found = await databaseProcesses(opts.uri).catch(() => []);
      const watched = found.filter((p) => p.role !== 'backend');
      if (watched.length > 0 && (found.some((p) => p.role === 'server') || attempt >= 4)) return watched;
      await new Promise((r) => setTimeout(r, 200).unref());
    }
    return [];
  })();

  void ready.then((watched) => {
    if (watched.length === 0) {
      opts.logger.debug({ uri: opts.uri }, 'database watchdog: no local database processes to watch');
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
          if (await isAlive(p.pid)) continue;
          stopped = true;
          const message = `heed: the embedded database stopped (${p.name}, pid ${p.pid}, exited). heed cannot work without it and exits now with code 1; start heed again (a process manager restarts it) and the database starts with it, keeping its data.`;
          opts.logger.error({ process: p.name, pid: p.pid }, 'embedded database process exited');
          opts.onLost(message);
          return;
        }
      } catch (err) {
        opts.logger.warn({ err: errorMessage(err) }, 'database watchdog check failed');
      }
      schedule(check);
    };
    schedule(check);
  });

  return {
    ready,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
