import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { BSON, type Document, MongoBulkWriteError, MongoClient } from 'mongodb';
import { HeedError } from '../core/errors.ts';
import { startFerretdb } from './embedded-ferretdb.ts';
import { sqliteDataFiles, writeMigratedMarker } from './sqlite-data.ts';

export interface CollectionCopy {
  db: string;
  collection: string;
  /** Documents in the SQLite data. */
  source: number;
  /** Copied now. */
  copied: number;
  /** Already in the target with the same `_id` (an earlier run): left as they are. */
  present: number;
}

export interface MigrationOptions {
  /** HEED_DATA_DIR holding `<db>.sqlite` files. */
  dataDir: string;
  ferretdbBinary: string;
  /** The new database (a connected client). */
  target: MongoClient;
  batchSize?: number;
  onCollection?: (copy: CollectionCopy) => void;
}

const key = (id: unknown) => BSON.EJSON.stringify({ id } as Document, { relaxed: false });

/**
 * Copies every document of every collection of every database in the SQLite backend's files into
 * `target`. The files are copied to a scratch folder first and FerretDB (SQLite backend) serves the
 * copy on a temporary port, so the originals are only read. Idempotent: documents whose `_id` the target
 * already has are left alone, so a second run copies nothing. Nothing is deleted. Values keep their
 * BSON types (int32 stays int32, double stays double).
 */
export async function migrateSqlite(opts: MigrationOptions): Promise<CollectionCopy[]> {
  const files = await sqliteDataFiles(opts.dataDir);
  if (files.length === 0)
    throw new HeedError('invalid_input', `no SQLite data (*.sqlite files) in ${path.resolve(opts.dataDir)}`);
  const scratch = await mkdtemp(path.join(opts.dataDir, '.sqlite-migrate-'));
  try {
    for (const file of files) {
      for (const suffix of ['', '-wal', '-shm']) {
        await copyFile(path.join(opts.dataDir, file + suffix), path.join(scratch, file + suffix)).catch(
          (err: NodeJS.ErrnoException) => {
            if (err.code !== 'ENOENT' || suffix === '') throw err;
          },
        );
      }
    }
    const old = await startFerretdb({
      binary: opts.ferretdbBinary,
      backend: { handler: 'sqlite', dir: scratch },
    });
    const source = new MongoClient(old.uri);
    try {
      const copies = await copyAll(source, opts);
      await writeMigratedMarker(opts.dataDir, { migratedAt: new Date().toISOString(), files, copies });
      return copies;
    } finally {
      await source.close();
      await old.stop();
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

async function copyAll(source: MongoClient, opts: MigrationOptions): Promise<CollectionCopy[]> {
  const copies: CollectionCopy[] = [];
  const { databases } = await source.db('admin').admin().listDatabases({ nameOnly: true });
  for (const { name: dbName } of databases.sort((a, b) => a.name.localeCompare(b.name))) {
    const collections = await source.db(dbName).listCollections({}, { nameOnly: true }).toArray();
    for (const { name } of collections.sort((a, b) => a.name.localeCompare(b.name))) {
      if (name.startsWith('system.')) continue;
      const copy = await copyCollection(source, opts, dbName, name);
      copies.push(copy);
      opts.onCollection?.(copy);
    }
  }
  return copies;
}

async function copyCollection(
  source: MongoClient,
  opts: MigrationOptions,
  dbName: string,
  name: string,
): Promise<CollectionCopy> {
  const batchSize = opts.batchSize ?? 500;
  const to = opts.target.db(dbName).collection(name);
  // One read of the target's ids per collection (an `$in` per batch would scan on FerretDB).
  const have = new Set<string>();
  for await (const d of to.find({}, { projection: { _id: 1 }, promoteValues: false })) have.add(key(d._id));
  const copy: CollectionCopy = { db: dbName, collection: name, source: 0, copied: 0, present: 0 };
  let batch: Document[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const docs = batch;
    batch = [];
    try {
      copy.copied += (await to.insertMany(docs, { ordered: false })).insertedCount;
    } catch (err) {
      // A document the target refuses on a unique index other than _id would be lost: stop and say so.
      if (err instanceof MongoBulkWriteError)
        throw new HeedError(
          'store',
          `${dbName}.${name}: ${err.result.insertedCount} of a batch of ${docs.length} copied, then: ${err.message}`,
          { cause: err },
        );
      throw err;
    }
  };
  const cursor = source
    .db(dbName)
    .collection(name)
    .find({}, { promoteValues: false, promoteBuffers: false, bsonRegExp: true, batchSize });
  for await (const doc of cursor) {
    copy.source++;
    if (have.has(key(doc._id))) {
      copy.present++;
      continue;
    }
    batch.push(doc);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  if (copy.copied === 0 && copy.present === 0 && copy.source === 0) {
    // An empty collection still exists in the target afterwards.
    await opts.target
      .db(dbName)
      .createCollection(name)
      .catch((err: { codeName?: string }) => {
        if (err.codeName !== 'NamespaceExists') throw err;
      });
  }
  return copy;
}
