import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { HeedError } from '../core/errors.ts';

const run = promisify(execFile);

/** The unprivileged account PostgreSQL runs as when heed runs as root. */
export interface PgRunAs {
  user: string;
  uid: number;
  gid: number;
  /** True when heed had to create the account (no `postgres` user existed). */
  created: boolean;
}

export const PG_USER = 'postgres';

async function lookup(user: string): Promise<{ uid: number; gid: number } | undefined> {
  try {
    const [u, g] = await Promise.all([run('id', ['-u', user]), run('id', ['-g', user])]);
    return { uid: Number.parseInt(u.stdout, 10), gid: Number.parseInt(g.stdout, 10) };
  } catch {
    return undefined;
  }
}

/**
 * PostgreSQL refuses to run as root. When heed is root (CI, containers) the server runs as the system
 * user `postgres` — the existing one (e.g. from Debian's package), or one heed creates (no home, no
 * login shell). Undefined when heed is not root: the server then runs as heed's own user.
 */
export async function pgRunAs(): Promise<PgRunAs | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const found = await lookup(PG_USER);
  if (found) return { user: PG_USER, ...found, created: false };
  // /usr/sbin is not on every root PATH (e.g. `su` without `-`).
  const useradd = existsSync('/usr/sbin/useradd') ? '/usr/sbin/useradd' : 'useradd';
  try {
    await run(useradd, [
      '--system',
      '--user-group',
      '--no-create-home',
      '--home-dir',
      '/nonexistent',
      '--shell',
      '/usr/sbin/nologin',
      PG_USER,
    ]);
  } catch (err) {
    // Another heed process (a parallel test file, the CLI) may have created it a moment ago.
    const raced = await lookup(PG_USER);
    if (raced) return { user: PG_USER, ...raced, created: false };
    throw new HeedError(
      'config',
      `heed runs as root and PostgreSQL refuses to: no "${PG_USER}" user exists and useradd failed (${(err as Error).message.trim()}). Create an unprivileged "${PG_USER}" user, run heed as a normal user, or set MONGODB_URI.`,
    );
  }
  const created = await lookup(PG_USER);
  if (!created) throw new HeedError('config', `useradd ${PG_USER} succeeded but the user cannot be found`);
  return { user: PG_USER, ...created, created: true };
}

/**
 * Adds the "others may enter" bit (o+x, never read or write) to every folder from each of `dirs` up to
 * `/` that lacks it, so the server's user can reach its data folder and binaries. Returns what changed.
 */
export async function makeEnterable(dirs: string[]): Promise<string[]> {
  const changed: string[] = [];
  const seen = new Set<string>();
  for (const start of dirs) {
    for (let dir = path.resolve(start); !seen.has(dir); dir = path.dirname(dir)) {
      seen.add(dir);
      const { mode } = await stat(dir);
      if ((mode & 0o001) === 0) {
        await chmod(dir, (mode & 0o7777) | 0o001);
        changed.push(dir);
      }
      if (dir === path.dirname(dir)) break;
    }
  }
  return changed;
}

/** chown when running as another user; a no-op otherwise. */
export async function ownBy(file: string, runAs: PgRunAs | undefined): Promise<void> {
  if (runAs) await chown(file, runAs.uid, runAs.gid);
}
