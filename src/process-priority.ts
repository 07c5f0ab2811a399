import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';

/** The nice level heed's processing and its embedded database run at behind the Slack ack front. */
export const BACKGROUND_NICE = 10;

/**
 * Puts one thread first: every other thread of this process, and every thread of the given processes
 * (the embedded database), gets nice `level`, so that a click's acknowledgement never waits for a CPU
 * behind heed's own work. Linux keeps nice per thread and a new thread inherits its creator's, so what
 * these threads start later runs at the same level. Raising one's own nice needs no privilege; a
 * thread that refuses (another user's process, no /proc) is left as it is. Returns how many threads
 * now run at `level` or below it.
 */
export function lowerAllBut(keepTid: number, processes: number[], level = BACKGROUND_NICE): number {
  let lowered = 0;
  const mine = autogroupOf('self');
  for (const pid of processes) if (mine) lowerAutogroup(pid, mine.name, level);
  for (const pid of [process.pid, ...processes]) {
    for (const tid of threadsOf(pid)) {
      if (tid === keepTid) continue;
      try {
        if (os.getPriority(tid) < level) os.setPriority(tid, level);
        lowered++;
      } catch {
        // Gone meanwhile, or not ours to change.
      }
    }
  }
  return lowered;
}

function threadsOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).map(Number);
  } catch {
    return [];
  }
}

/**
 * Where Linux groups processes by session for scheduling (autogroup, on by default in most
 * distributions), a nice level counts only inside the group, and a process that started a session of
 * its own — every PostgreSQL backend does — competes as one group against all of heed's threads
 * together: the front got a share of the CPU like one backend's. The group's own nice
 * (/proc/<pid>/autogroup) puts it behind. heed's own group, which holds the front, is left alone.
 * Does nothing where the kernel has no autogroups or the process is not ours to change.
 */
function lowerAutogroup(pid: number, mine: string, level: number): void {
  const theirs = autogroupOf(pid);
  if (!theirs || theirs.name === mine || theirs.nice >= level) return;
  try {
    writeFileSync(`/proc/${pid}/autogroup`, String(level));
  } catch {
    // Gone meanwhile, or not ours to change.
  }
}

/** A process's scheduling group and its nice, or null where the kernel has no autogroups. */
function autogroupOf(pid: number | 'self'): { name: string; nice: number } | null {
  try {
    const m = /^(\S+) nice (-?\d+)/.exec(readFileSync(`/proc/${pid}/autogroup`, 'utf8'));
    return m ? { name: m[1]!, nice: Number(m[2]) } : null;
  } catch {
    return null;
  }
}
