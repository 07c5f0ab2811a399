import { type DbProcess, databaseProcesses } from '../../src/store/db-processes.ts';

/**
 * Makes a local database unavailable without killing it: SIGSTOP every process of its stack (FerretDB,
 * the PostgreSQL server and its backends), so connections stay open and requests simply get no answer —
 * the nastiest kind of outage. `resume()` sends SIGCONT in reverse order.
 */
export async function pauseDatabase(uri: string): Promise<{ paused: DbProcess[]; resume(): void }> {
  const paused = await databaseProcesses(uri);
  if (paused.length === 0) throw new Error(`no local processes serve ${uri}: cannot pause it`);
  // Servers first, so no backend is forked between the snapshot and the stop.
  const order = [...paused].sort((a, b) => rank(a) - rank(b));
  for (const p of order) signal(p.pid, 'SIGSTOP');
  let resumed = false;
  return {
    paused,
    resume() {
      if (resumed) return;
      resumed = true;
      for (const p of [...order].reverse()) signal(p.pid, 'SIGCONT');
    },
  };
}

const rank = (p: DbProcess) => (p.role === 'server' ? 0 : p.role === 'front' ? 1 : 2);

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    /* the process is gone: nothing to stop or continue */
  }
}

/** Peak resident memory (VmHWM, bytes) of a process, or 0 when it is gone. */
export async function peakRss(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
  return kb ? Number(kb) * 1024 : 0;
}
