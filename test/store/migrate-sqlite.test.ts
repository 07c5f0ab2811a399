import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BSON, Double, Int32, Long, MongoClient, ObjectId } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.ts';
import { loadConfig } from '../../src/config.ts';
import { startFerretdb } from '../../src/store/embedded-ferretdb.ts';
import { findOrBuildFerretdb } from '../../src/store/ferretdb-binary.ts';
import { migrateSqlite } from '../../src/store/migrate-sqlite.ts';
import { openDatabase } from '../../src/store/open-database.ts';
import { sqliteDataFiles } from '../../src/store/sqlite-data.ts';
import { testMongoUri } from '../helpers/db.ts';
import { memoryLogger } from '../helpers/fakes.ts';

const binary = await findOrBuildFerretdb();
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));
const tempDir = async () => {
  const d = await mkdtemp(path.join(os.tmpdir(), 'heed-migrate-'));
  dirs.push(d);
  return d;
};

/** Writes `data` ({db: {collection: docs}}) with the old embedded database (FerretDB, SQLite files). */
async function writeSqliteData(dir: string, data: Record<string, Record<string, object[]>>) {
  const old = await startFerretdb({ binary, dataDir: dir });
  const client = new MongoClient(old.uri);
  try {
    for (const [db, collections] of Object.entries(data))
      for (const [name, docs] of Object.entries(collections)) {
        if (docs.length)
          await client
            .db(db)
            .collection(name)
            .insertMany(docs.map((d) => ({ ...d })));
        else await client.db(db).createCollection(name);
      }
  } finally {
    await client.close();
    await old.stop();
  }
}

/** Every document of a collection as canonical Extended JSON (types included), sorted. */
async function snapshot(client: MongoClient, db: string, name: string): Promise<string[]> {
  const docs = await client.db(db).collection(name).find({}, { promoteValues: false }).toArray();
  return docs.map((d) => BSON.EJSON.stringify(d, { relaxed: false })).sort();
}

const sha = async (file: string) =>
  createHash('sha256')
    .update(await readFile(file))
    .digest('hex');

describe('heed db migrate (SQLite-backed data → the current database)', () => {
  it('copies every document of every collection of every database, types intact; a re-run changes nothing', async () => {
    const dir = await tempDir();
    const a = `mig_a_${randomBytes(3).toString('hex')}`;
    const b = `mig_b_${randomBytes(3).toString('hex')}`;
    const many = Array.from({ length: 1234 }, (_, i) => ({
      _id: `f${i}`,
      n: new Int32(i),
      x: new Double(i + 0.5),
      whole: new Double(2),
      big: Long.fromNumber(2 ** 40 + i),
      at: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
      tags: ['a', String(i)],
      nested: { deep: { v: i % 7 }, none: null },
    }));
    await writeSqliteData(dir, {
      [a]: { feedback: many, empty: [] },
      [b]: { things: [{ _id: new ObjectId(), text: '{"$gt": ""}' }, { text: 'no explicit id' }] },
    });
    const files = await sqliteDataFiles(dir);
    expect(files).toEqual([`${a}.sqlite`, `${b}.sqlite`].sort());
    const before = await Promise.all(files.map((f) => sha(path.join(dir, f))));

    // What the old database holds, read back through it.
    const old = await startFerretdb({ binary, dataDir: dir });
    const oldClient = new MongoClient(old.uri);
    const expected = {
      feedback: await snapshot(oldClient, a, 'feedback'),
      things: await snapshot(oldClient, b, 'things'),
    };
    await oldClient.close();
    await old.stop();
    expect(expected.feedback).toHaveLength(1234);

    const target = new MongoClient(testMongoUri());
    try {
      const first = await migrateSqlite({ dataDir: dir, ferretdbBinary: binary, target, batchSize: 200 });
      expect(first).toEqual([
        { db: a, collection: 'empty', source: 0, copied: 0, present: 0 },
        { db: a, collection: 'feedback', source: 1234, copied: 1234, present: 0 },
        { db: b, collection: 'things', source: 2, copied: 2, present: 0 },
      ]);
      expect(await snapshot(target, a, 'feedback')).toEqual(expected.feedback);
      expect(await snapshot(target, b, 'things')).toEqual(expected.things);
      expect((await target.db(a).listCollections().toArray()).map((c) => c.name).sort()).toEqual([
        'empty',
        'feedback',
      ]);

      const second = await migrateSqlite({ dataDir: dir, ferretdbBinary: binary, target });
      expect(second.map((c) => [c.collection, c.copied, c.present])).toEqual([
        ['empty', 0, 0],
        ['feedback', 0, 1234],
        ['things', 0, 2],
      ]);
      expect(await snapshot(target, a, 'feedback')).toEqual(expected.feedback);
      expect(await snapshot(target, b, 'things')).toEqual(expected.things);
      // The originals were only read.
      expect(await Promise.all(files.map((f) => sha(path.join(dir, f))))).toEqual(before);
    } finally {
      await target.db(a).dropDatabase();
      await target.db(b).dropDatabase();
      await target.close();
    }
  }, 120_000);

  it('heed refuses to start on unmigrated SQLite data, `heed db migrate` moves it into the embedded database', async () => {
    const dir = await tempDir();
    const at = new Date('2026-11-01T09:00:00Z');
    await writeSqliteData(dir, {
      heed: { instructions: [{ version: 1, text: 'Be brief.', createdAt: at }], feedback: [{ _id: 'v1' }] },
    });
    const env = { HEED_DATA_DIR: dir, LOG_LEVEL: 'silent' };
    const out = { stdout: '', stderr: '' };
    const io = {
      stdout: (s: string) => {
        out.stdout += s;
      },
      stderr: (s: string) => {
        out.stderr += s;
      },
    };

    const logger = memoryLogger();
    await expect(openDatabase(loadConfig(env).mongo, logger, {})).rejects.toThrow(/npx heed db migrate/);
    expect(logger.lines.some((l) => l.level === 'error' && /heed db migrate/.test(l.msg ?? ''))).toBe(true);

    expect(await runCli(['db', 'migrate'], io, env)).toBe(0);
    expect(out.stdout).toContain('heed.instructions: 1 documents, 1 copied, 0 already there');
    expect(out.stdout).toContain('heed.feedback: 1 documents, 1 copied, 0 already there');
    expect(out.stdout).toContain('Nothing was deleted');

    out.stdout = '';
    expect(await runCli(['db', 'migrate'], io, env)).toBe(0);
    expect(out.stdout).toContain('heed.instructions: 1 documents, 0 copied, 1 already there');

    const db = await openDatabase(loadConfig(env).mongo, memoryLogger(), {});
    try {
      expect(db.embedded).toBeDefined();
      expect((await db.store.instructions.current())?.text).toBe('Be brief.');
      expect(await db.store.db.collection('feedback').countDocuments()).toBe(1);
    } finally {
      await db.close();
    }
    expect(await sqliteDataFiles(dir)).toEqual(['heed.sqlite']);
  }, 180_000);

  it('says so when there is nothing to migrate, and explains its usage', async () => {
    const dir = await tempDir();
    const out = { stdout: '', stderr: '' };
    const io = {
      stdout: (s: string) => {
        out.stdout += s;
      },
      stderr: (s: string) => {
        out.stderr += s;
      },
    };
    expect(await runCli(['db', 'migrate'], io, { HEED_DATA_DIR: dir })).toBe(0);
    expect(out.stdout).toContain('nothing to migrate');
    expect(await runCli(['db'], io, { HEED_DATA_DIR: dir })).toBe(2);
    expect(out.stderr).toContain('usage: heed db migrate');
  });
});
