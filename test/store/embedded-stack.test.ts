import { access, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { CREDENTIALS_FILE } from '../../src/store/db-credentials.ts';
import { startEmbedded } from '../../src/store/embedded-database.ts';
import { driverUri } from '../../src/store/embedded-ferretdb.ts';
import { findOrBuildFerretdb } from '../../src/store/ferretdb-binary.ts';
import { openDatabase } from '../../src/store/open-database.ts';
import { PG_USER } from '../../src/store/pg-user.ts';
import { memoryLogger } from '../helpers/fakes.ts';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));
const tempDir = async () => {
  const d = await mkdtemp(path.join(os.tmpdir(), 'heed-stack-'));
  dirs.push(d);
  return d;
};
const DEBIAN_PG15 = '/usr/lib/postgresql/15/bin';
const hasDebianPg = await access(path.join(DEBIAN_PG15, 'postgres')).then(
  () => true,
  () => false,
);

async function rejects(uri: string): Promise<unknown> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 2000 });
  try {
    await client.db('heed').collection('interactions').findOne({});
    return undefined;
  } catch (err) {
    return err;
  } finally {
    await client.close();
  }
}

describe('the embedded stack: PostgreSQL + FerretDB, credentials, loopback, root', () => {
  it('generates a login per data folder, keeps it 0600, never logs it, and refuses clients without it', async () => {
    const dir = await tempDir();
    const logger = memoryLogger();
    const db = await openDatabase(loadConfig({ HEED_DATA_DIR: dir }).mongo, logger, {});
    try {
      const file = path.join(dir, CREDENTIALS_FILE);
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      const { user, password } = JSON.parse(await readFile(file, 'utf8'));
      expect(password).toMatch(/^[0-9a-f]{48}$/);
      expect(db.embedded!.uri).toContain(`${user}:${password}@`);
      expect(JSON.stringify(logger.lines)).not.toContain(password);
      expect(await readFile(path.join(dir, 'embedded-db.json'), 'utf8')).not.toContain(password);

      // FerretDB forwards each client's credentials to PostgreSQL: none or wrong ones read nothing.
      expect(await rejects(driverUri(db.embedded!.port))).toBeInstanceOf(Error);
      expect(
        await rejects(driverUri(db.embedded!.port, { user, password: 'wrong'.repeat(4) })),
      ).toBeInstanceOf(Error);
      expect(await rejects(db.embedded!.uri)).toBeUndefined();

      // PostgreSQL: loopback TCP only, no Unix socket, password (SCRAM) logins, no trust.
      const client = new pg.Client({ connectionString: db.embedded!.pgUrl });
      await client.connect();
      try {
        const show = async (name: string) => (await client.query(`SHOW ${name}`)).rows[0][name];
        expect(await show('listen_addresses')).toBe('127.0.0.1');
        expect(await show('unix_socket_directories')).toBe('');
        const { rows } = await client.query('SELECT DISTINCT auth_method FROM pg_hba_file_rules');
        expect(rows.map((r) => r.auth_method)).toEqual(['scram-sha-256']);
      } finally {
        await client.end();
      }
      const anonymous = new pg.Client({
        host: '127.0.0.1',
        port: db.embedded!.pgPort,
        user,
        database: 'postgres',
      });
      await expect(anonymous.connect()).rejects.toThrow();
      await anonymous.end().catch(() => {});

      if (process.getuid?.() === 0) {
        // As root the server runs as an unprivileged user, owns its folder, and the log says so.
        const owner = (await stat(path.join(dir, 'postgres'))).uid;
        expect(owner).not.toBe(0);
        expect(logger.lines.some((l) => l.msg?.includes(`runs as ${PG_USER}`))).toBe(true);
      }
    } finally {
      await db.close();
    }
    // Restarted on the same folder, the same login works (the cluster kept it).
    const again = await openDatabase(loadConfig({ HEED_DATA_DIR: dir }).mongo, memoryLogger(), {});
    await again.close();
  }, 120_000);

  it.skipIf(!hasDebianPg)(
    'runs on a system PostgreSQL given as PG_BIN',
    async () => {
      const dir = await tempDir();
      const db = await startEmbedded({
        dataDir: dir,
        ferretdbBinary: await findOrBuildFerretdb(),
        pgBin: DEBIAN_PG15,
        durable: false,
      });
      try {
        const client = new pg.Client({ connectionString: db.pgUrl });
        await client.connect();
        const { rows } = await client.query('SELECT version()');
        await client.end();
        expect(rows[0].version).toMatch(/^PostgreSQL 15\./);
        const mongo = new MongoClient(db.uri);
        await mongo.db('x').collection('y').insertOne({ ok: 1 });
        expect(await mongo.db('x').collection('y').countDocuments()).toBe(1);
        await mongo.close();
      } finally {
        await db.stop();
      }
    },
    120_000,
  );

  it('explains a PG_BIN that holds no PostgreSQL', async () => {
    const dir = await tempDir();
    await expect(
      startEmbedded({ dataDir: dir, ferretdbBinary: await findOrBuildFerretdb(), pgBin: '/nonexistent' }),
    ).rejects.toThrow(/PG_BIN=\/nonexistent has no executable initdb/);
  });
});
