import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isAlive } from '../../src/store/db-processes.ts';
import { waitFor } from '../helpers/fake-slack.ts';
import { descendants, type HeedChild, spawnHeed } from './heed-child.ts';
import { ROOT } from './slack-heed.ts';

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'heed-dbdeath-'));
let started: HeedChild | undefined;
afterAll(async () => {
  // Also when the test timed out (its own `finally` never ran): no heed is left behind.
  started?.child.kill('SIGTERM');
  await rm(dataDir, { recursive: true, force: true });
});

describe('the embedded database dies under a running npm start', () => {
  it('heed notices, says so, and exits non-zero so a process manager restarts it', async () => {
    const heed = await spawnHeed({
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      HEED_DATA_DIR: dataDir,
      KNOWLEDGE_DIR: path.join(ROOT, 'knowledge'),
      PORT: '0',
      LOG_LEVEL: 'warn',
    });
    started = heed;
    try {
      expect((await fetch(`${heed.url}/healthz`)).status).toBe(200);
      const stack = await descendants(heed.child.pid!);
      const front = stack.find((p) => p.name === 'ferretdb');
      expect(front, JSON.stringify(stack)).toBeDefined();
      process.kill(front!.pid, 'SIGKILL');

      const { code } = await heed.exited;
      expect(code).toBe(1);
      expect(heed.stderr()).toContain('the embedded database stopped');
      expect(heed.stderr()).toContain('exits now with code 1');
      // Whatever else of the stack was running went down with heed (no orphaned PostgreSQL).
      // Polled, not a fixed wait: on a loaded machine the last PostgreSQL process may take a moment to go.
      const alive = async () => {
        const left = [];
        for (const p of stack) if (await isAlive(p.pid)) left.push(p);
        return left;
      };
      await waitFor(async () => (await alive()).length === 0, 'the database processes to go', 10_000).catch(
        () => {},
      );
      expect.soft(await alive()).toEqual([]);
    } finally {
      heed.child.kill('SIGKILL');
    }
  }, 120_000);
});
