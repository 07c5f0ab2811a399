import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { MongoClient } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { testMongoUri } from '../helpers/db.ts';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// Kept between runs (test-output/ is git-ignored) so only heed itself is reinstalled each time.
const OUT = path.join(ROOT, 'test-output');
const CONSUMER = path.join(OUT, 'pack-consumer');
const LOCK = path.join(OUT, 'pack.lock');
// A plain environment: no tsx loader, no vitest, nothing inherited through NODE_OPTIONS.
const ENV = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LANG: 'C.UTF-8' };
const TSC = path.join(ROOT, 'node_modules', '.bin', 'tsc');

async function sh(cmd: string, args: string[], cwd: string) {
  const { stdout } = await run(cmd, args, { cwd, env: ENV, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/** One packaging run at a time on this checkout (the build rewrites dist/). */
async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  await mkdir(OUT, { recursive: true });
  for (;;) {
    try {
      await mkdir(LOCK);
      break;
    } catch {
      const age = Date.now() - (await stat(LOCK).catch(() => ({ mtimeMs: 0 }))).mtimeMs;
      if (age > 10 * 60_000) await rmdir(LOCK).catch(() => {});
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    return await fn();
  } finally {
    await rmdir(LOCK).catch(() => {});
  }
}

const TS_CONSUMER = `import { createHeed, type Heed, type HeedOptions, type KnowledgeHit } from 'heed';

const options: HeedOptions = { mongodbUri: 'mongodb://127.0.0.1:27017/', slack: { moderatorsChannel: 'C123' } };
export async function start(): Promise<Heed> {
  const heed = await createHeed(options);
  const hits: KnowledgeHit[] = await heed.knowledge.search('How do I reset my password?');
  const blocks = heed.slack.controls(hits[0]?.id ?? '0123456789abcdef01234567');
  return blocks.length > 0 ? heed : heed;
}
// The declarations are real types, not any: a wrong option is an error.
// @ts-expect-error moderatorsChannel is a string
export const wrong: HeedOptions = { slack: { moderatorsChannel: 5 } };
`;

describe('the npm package', () => {
  it('npm pack → npm install into a plain project → node imports createHeed without tsx; TS type-checks', async () => {
    await withLock(async () => {
      // npm pack runs prepack: the build into dist/.
      const packed = JSON.parse(await sh('npm', ['pack', '--json', '--pack-destination', OUT], ROOT)) as {
        filename: string;
        files: { path: string }[];
      }[];
      const files = packed[0]!.files.map((f) => f.path);
      expect(files).toEqual(
        expect.arrayContaining(['dist/src/index.js', 'dist/src/index.d.ts', 'package.json']),
      );
      expect(files.some((f) => f.startsWith('test/') || f.startsWith('examples/'))).toBe(false);

      // A fresh name per run, so npm reinstalls heed from this very tarball.
      const tarball = path.join(OUT, `heed-${Date.now()}-${randomBytes(2).toString('hex')}.tgz`);
      await run('mv', [path.join(OUT, packed[0]!.filename), tarball]);
      await mkdir(CONSUMER, { recursive: true });
      await writeFile(
        path.join(CONSUMER, 'package.json'),
        JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
      );
      await sh(
        'npm',
        ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball],
        CONSUMER,
      );
      for (const f of await readdir(OUT))
        if (/^heed-.*\.tgz$/.test(f) && path.join(OUT, f) !== tarball) await rm(path.join(OUT, f));

      // Plain Node: resolves the compiled entry, builds heed against the test database, searches, stops.
      const script = `
        const resolved = import.meta.resolve('heed');
        const { createHeed } = await import('heed');
        const heed = await createHeed({ mongodbUri: process.argv[1], mongodbDb: process.argv[2],
          logLevel: 'silent', scheduler: false, env: {} });
        const hits = await heed.knowledge.search('How do I reset my password?');
        await heed.stop();
        console.log(JSON.stringify({ resolved, type: typeof createHeed, hits: hits.length }));`;
      const db = `lib_pack_${randomBytes(4).toString('hex')}`;
      const out = await sh('node', ['--input-type=module', '-e', script, testMongoUri(), db], CONSUMER);
      const client = await new MongoClient(testMongoUri()).connect();
      await client
        .db(db)
        .dropDatabase()
        .catch(() => {});
      await client.close();
      const result = JSON.parse(out.trim().split('\n').at(-1)!) as {
        resolved: string;
        type: string;
        hits: number;
      };
      expect(result).toEqual({
        resolved: expect.stringMatching(/node_modules\/heed\/dist\/src\/index\.js$/),
        type: 'function',
        hits: 0,
      });

      // The bin ships too: the CLI from the packaged sources (tsx is one of heed's dependencies).
      const help = await sh(path.join(CONSUMER, 'node_modules', '.bin', 'heed'), ['--help'], CONSUMER);
      expect(help).toContain('usage: npx heed <command>');

      // A TypeScript consumer (NodeNext resolution) type-checks against the shipped declarations.
      await writeFile(path.join(CONSUMER, 'index.ts'), TS_CONSUMER);
      const tsconfig = {
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          typeRoots: [path.join(ROOT, 'node_modules', '@types')],
          types: ['node'],
        },
        include: ['index.ts'],
      };
      await writeFile(path.join(CONSUMER, 'tsconfig.json'), JSON.stringify(tsconfig));
      await sh(TSC, ['-p', CONSUMER], CONSUMER);
    });
  }, 600_000);
});
