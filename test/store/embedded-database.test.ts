import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/store/open-database.ts';
import { memoryLogger } from '../helpers/fakes.ts';

const dir = await mkdtemp(path.join(os.tmpdir(), 'heed-embedded-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('embedded database (FerretDB child process)', () => {
  it('keeps data across a restart of the database process', async () => {
    const config = loadConfig({ HEED_DATA_DIR: dir, MONGODB_DB: 'restart' });
    const first = await openDatabase(config.mongo, memoryLogger(), {});
    expect(first.embedded).toBeDefined();
    const i = await first.store.interactions.insert({
      patternKey: 'p',
      question: 'q?',
      answer: 'a',
      ref: { platform: 'web', userId: 'u' },
      answerer: 'test',
      sources: [],
      failed: false,
      createdAt: new Date(),
    });
    const port = first.embedded!.port;
    await first.close();

    const second = await openDatabase(config.mongo, memoryLogger(), {});
    try {
      expect(second.embedded!.port).not.toBe(0);
      expect((await second.store.interactions.get(i.id))?.question).toBe('q?');
      // Indexes are created idempotently: a second start found them and kept the unique rule.
      const indexes = await second.store.db.collection('feedback').indexes();
      expect(indexes.some((ix) => ix.name === 'one_vote_per_user_kind' && ix.unique)).toBe(true);
    } finally {
      await second.close();
    }
    // The first process is gone: nothing answers on its port any more.
    const { MongoClient } = await import('mongodb');
    const probe = new MongoClient(`mongodb://127.0.0.1:${port}/`, { serverSelectionTimeoutMS: 300 });
    await expect(probe.db('admin').command({ ping: 1 })).rejects.toThrow();
    await probe.close();
  });

  it('a second process (the CLI) shares the running embedded database instead of starting another', async () => {
    const config = loadConfig({ HEED_DATA_DIR: dir, MONGODB_DB: 'shared' });
    const server = await openDatabase(config.mongo, memoryLogger(), {});
    try {
      await server.store.instructions.add('Be kind.', undefined, undefined, new Date());
      const cli = await openDatabase(config.mongo, memoryLogger(), {});
      expect(cli.embedded).toBeUndefined();
      expect((await cli.store.instructions.current())?.text).toBe('Be kind.');
      await cli.close();
      // Closing the sharer leaves the owner's database running.
      expect((await server.store.instructions.current())?.text).toBe('Be kind.');
    } finally {
      await server.close();
    }
  });

  it('explains what to set when FERRETDB_BIN is wrong', async () => {
    const config = loadConfig({ HEED_DATA_DIR: dir, FERRETDB_BIN: '/nonexistent/ferretdb' });
    await expect(openDatabase(config.mongo, memoryLogger(), {})).rejects.toThrow(
      /FERRETDB_BIN.*not an executable/,
    );
  });

  it('says to set MONGODB_URI or install Go when neither a binary nor Go is available', async () => {
    const { buildFerretdb } = await import('../../src/store/ferretdb-binary.ts');
    await expect(buildFerretdb({ PATH: '/nonexistent' })).rejects.toThrow(/set MONGODB_URI.*install Go/);
  });
});
