import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'heed-main-'));
afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe('npm start (src/main.ts) with no credentials', () => {
  it('starts the embedded database and the playground, prints the URL, and stops everything on SIGTERM', async () => {
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      HEED_DATA_DIR: dataDir,
      PORT: '0',
      LOG_LEVEL: 'warn',
    };
    const child = spawn(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'src/main.ts'], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed: ${stderr}`)), 60_000);
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const m = /playground: (http:\/\/localhost:\d+)\//.exec(stderr);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
    });
    expect(stderr).toContain('platforms: web');
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${url}/`)).text()).toContain('<!doctype html>');
    const { uri } = JSON.parse(await readFile(path.join(dataDir, 'embedded-db.json'), 'utf8')) as {
      uri: string;
    };

    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    // The embedded database went down with it, and its address note is gone.
    const probe = new MongoClient(uri, { serverSelectionTimeoutMS: 300 });
    await expect(probe.db('admin').command({ ping: 1 })).rejects.toThrow();
    await probe.close();
    await expect(readFile(path.join(dataDir, 'embedded-db.json'))).rejects.toThrow();
  }, 90_000);

  it('fails fast with the variable named when the configuration is bad', async () => {
    const child = spawn(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'src/main.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: 'eighty' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('Invalid configuration: PORT');
  }, 30_000);
});
