import { readdirSync } from 'node:fs';
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
