import { randomBytes } from 'node:crypto';
import { chmod, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { HeedError } from '../core/errors.ts';
import { safeParse } from '../core/schemas.ts';

/** The embedded database's login, generated once per data folder. */
export interface DbCredentials {
  user: string;
  password: string;
}

export const CREDENTIALS_FILE = 'db-credentials.json';
const Schema = z.object({ user: z.string().regex(/^[a-z_][a-z0-9_]*$/), password: z.string().min(16) });

/**
 * Reads `HEED_DATA_DIR/db-credentials.json` (mode 0600), creating it with a random password on first
 * use. The CLI reads the same file to share a running heed's database.
 */
export async function loadOrCreateCredentials(dataDir: string): Promise<DbCredentials> {
  const existing = await readCredentials(dataDir);
  if (existing) return existing;
  const creds = { user: 'heed', password: randomBytes(24).toString('hex') };
  const file = path.join(dataDir, CREDENTIALS_FILE);
  const tmp = `${file}.${process.pid}`;
  await writeFile(tmp, `${JSON.stringify(creds)}\n`, { mode: 0o600 });
  await rename(tmp, file);
  return creds;
}

export async function readCredentials(dataDir: string): Promise<DbCredentials | undefined> {
  const file = path.join(dataDir, CREDENTIALS_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = safeParse(Schema, json);
  if (!parsed.success) throw new HeedError('config', `${file} is not a valid credentials file`);
  await chmod(file, 0o600); // tighten a copy restored with looser permissions
  return parsed.data;
}
