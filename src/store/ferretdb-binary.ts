import { execFile } from 'node:child_process';
import { access, chmod, constants, cp, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { HeedError } from '../core/errors.ts';

const run = promisify(execFile);
const FERRETDB_MODULE = 'github.com/FerretDB/FerretDB';
const FERRETDB_VERSION = 'v1.24.2';
/** Project-local, git-ignored folder for the built binary. */
const TOOLS_DIR = fileURLToPath(new URL('../../.tools', import.meta.url));
const LOCAL_BIN = path.join(TOOLS_DIR, 'bin', 'ferretdb');

async function isExecutable(file: string): Promise<boolean> {
  return access(file, constants.X_OK).then(
    () => true,
    () => false,
  );
}

async function onPath(name: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, name);
    if (await isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/** FERRETDB_BIN, then `ferretdb` on PATH, then the project-local build (built now if missing). */
export async function findOrBuildFerretdb(
  env: NodeJS.ProcessEnv = process.env,
  log: (m: string) => void = () => {},
) {
  if (env.FERRETDB_BIN) {
    if (await isExecutable(env.FERRETDB_BIN)) return env.FERRETDB_BIN;
    throw new HeedError(
      'config',
      `FERRETDB_BIN=${env.FERRETDB_BIN} is not an executable file. Fix the path or unset it.`,
    );
  }
  const found = (await onPath('ferretdb', env)) ?? ((await isExecutable(LOCAL_BIN)) ? LOCAL_BIN : undefined);
  if (found) return found;
  log(`building FerretDB ${FERRETDB_VERSION} into ${LOCAL_BIN} (once; needs Go >= 1.24)`);
  await buildFerretdb(env);
  return LOCAL_BIN;
}

/**
 * Builds the pinned FerretDB from the Go module proxy. A plain `go install …@v1.24.2` binary panics at
 * start because the module lacks build/version/version.txt (their release tooling writes it), so the
 * module source is copied, the version file written, and `go build` run on the copy.
 */
export async function buildFerretdb(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const go = await onPath('go', env);
  if (!go) {
    throw new HeedError(
      'config',
      'No database configured: set MONGODB_URI to a MongoDB server, or install Go >= 1.24 so heed can build its embedded FerretDB, or set FERRETDB_BIN to a ferretdb binary.',
    );
  }
  const goEnv = { ...env, GOFLAGS: '-mod=mod' };
  const { stdout } = await run(go, ['mod', 'download', '-json', `${FERRETDB_MODULE}@${FERRETDB_VERSION}`], {
    env: goEnv,
    maxBuffer: 1 << 20,
  });
  const moduleDir = (JSON.parse(stdout) as { Dir: string }).Dir;
  const src = path.join(TOOLS_DIR, `ferretdb-src-${process.pid}`);
  await rm(src, { recursive: true, force: true });
  await cp(moduleDir, src, { recursive: true });
  await chmod(src, 0o755);
  await run('chmod', ['-R', 'u+w', src]);
  await writeFile(path.join(src, 'build/version/version.txt'), `${FERRETDB_VERSION}\n`);
  await mkdir(path.dirname(LOCAL_BIN), { recursive: true });
  const tmpBin = `${LOCAL_BIN}.${process.pid}`;
  await run(go, ['build', '-trimpath', '-o', tmpBin, './cmd/ferretdb'], {
    cwd: src,
    env: goEnv,
    maxBuffer: 16 << 20,
  });
  await cp(tmpBin, LOCAL_BIN);
  await chmod(LOCAL_BIN, 0o755);
  await rm(tmpBin, { force: true });
  await rm(src, { recursive: true, force: true });
  return LOCAL_BIN;
}
