import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';

/** The nice level heed's processing and its embedded database run at behind the Slack ack front. */
export const BACKGROUND_NICE = 10;

/** What lowering did: threads now at the level, and the scheduling groups lowered once settled. */
export interface Lowered {
  threads: number;
  /** Resolves with how many of the given processes' scheduling groups were put at the level. */
  groups: Promise<number>;
}

/**
 * Puts one thread first: every other thread of this process, and every thread of the given processes
 * (the embedded database), gets nice `level`, so that a click's acknowledgement never waits for a CPU
 * behind heed's own work. Linux keeps nice per thread and a new thread inherits its creator's, so what
 * these threads start later runs at the same level. Raising one's own nice needs no privilege; a
 * thread that refuses (another user's process, no /proc) is left as it is. The given processes'
 * scheduling groups are lowered too, in the background (see lowerAutogroups).
 */
export function lowerAllBut(
  keepTid: number,
  processes: number[],
  level = BACKGROUND_NICE,
  files: AutogroupFiles = procAutogroups,
): Lowered {
  let threads = 0;
  const mine = autogroupOf(files, 'self');
  let groups = Promise.resolve(0);
  if (mine) {
    // After the writes already queued: this process's own calls must not take each other's slot.
    groups = groupWrites.then(() => lowerAutogroups(files, processes, mine.name, level));
    groupWrites = groups;
  }
  for (const pid of [process.pid, ...processes]) {
    for (const tid of threadsOf(pid)) {
      if (tid === keepTid) continue;
      try {
        if (os.getPriority(tid) < level) os.setPriority(tid, level);
        threads++;
      } catch {
        // Gone meanwhile, or not ours to change.
      }
    }
  }
  return { threads, groups };
}

/** The scheduling-group writes queued so far (see lowerAutogroups), one sequence at a time. */
let groupWrites: Promise<unknown> = Promise.resolve();

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
 *
 * Without CAP_SYS_ADMIN (a container, a non-root user) the kernel takes one such write per 100 ms,
 * machine-wide, and refuses the others with EAGAIN; so the groups are written one at a time and a
 * refused write is tried again after the kernel's interval, up to GROUP_TRIES times. Skips processes
 * gone meanwhile or not ours to change, and does nothing where the kernel has no autogroups.
 */
async function lowerAutogroups(
  files: AutogroupFiles,
  pids: number[],
  mine: string,
  level: number,
): Promise<number> {
  let lowered = 0;
  for (const pid of pids) {
    for (let tries = 1; ; tries++) {
      const theirs = autogroupOf(files, pid);
      // The root group's nice is not settable, and heed's own group holds the front.
      if (!theirs || theirs.name === mine || theirs.name === ROOT_AUTOGROUP) break;
      if (theirs.nice >= level) {
        lowered++;
        break;
      }
      const outcome = writeAutogroupNice(files, pid, level);
      // Counted only once the kernel shows it: a write that returns but does not apply lowered nothing.
      if (outcome === 'done' && (autogroupOf(files, pid)?.nice ?? -Infinity) >= level) lowered++;
      if (outcome !== 'busy' || tries === GROUP_TRIES) break;
      await new Promise((resolve) =>
        setTimeout(resolve, GROUP_RETRY_MS + Math.random() * GROUP_RETRY_MS).unref(),
      );
    }
  }
  return lowered;
}

/** The kernel's interval between unprivileged autogroup writes is HZ/10: 100 ms. */
const GROUP_RETRY_MS = 110;
const GROUP_TRIES = 50;

function writeAutogroupNice(files: AutogroupFiles, pid: number, level: number): 'done' | 'busy' | 'refused' {
  try {
    files.write(pid, String(level));
    return 'done';
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EAGAIN' ? 'busy' : 'refused';
  }
}

/** Where a process's scheduling group is read and set: /proc/<pid>/autogroup (a stand-in in tests). */
export interface AutogroupFiles {
  /** The file's text; throws where the kernel has no autogroups or the process is gone. */
  read(pid: number | 'self'): string;
  write(pid: number, text: string): void;
}

const procAutogroups: AutogroupFiles = {
  read: (pid) => readFileSync(`/proc/${pid}/autogroup`, 'utf8'),
  write: (pid, text) => writeFileSync(`/proc/${pid}/autogroup`, text),
};

/** The group of every process whose session never left init's: Linux shows its file empty. */
const ROOT_AUTOGROUP = '/';

/**
 * A process's scheduling group and its nice, or null where the kernel has no autogroups. A process in
 * the root group (no setsid() between it and init, as under many CI runners and process managers)
 * reads an empty file; its group is ROOT_AUTOGROUP, whose nice cannot be set.
 */
function autogroupOf(files: AutogroupFiles, pid: number | 'self'): { name: string; nice: number } | null {
  let text: string;
  try {
    text = files.read(pid);
  } catch {
    return null;
  }
  if (text.trim() === '') return { name: ROOT_AUTOGROUP, nice: 0 };
  const m = /^(\S+) nice (-?\d+)/.exec(text);
  return m ? { name: m[1]!, nice: Number(m[2]) } : null;
}
