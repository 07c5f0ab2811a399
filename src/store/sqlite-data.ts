import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { HeedError } from '../core/errors.ts';

/** Written by `heed db migrate` once every document of the SQLite files is in the new database. */
const MIGRATED_MARKER = 'sqlite-migrated.json';

/** The `<db>.sqlite` files FerretDB's SQLite backend (heed before issue 10) left in HEED_DATA_DIR. */
export async function sqliteDataFiles(dataDir: string): Promise<string[]> {
  const names = await readdir(dataDir).catch(() => [] as string[]);
  return names.filter((n) => n.endsWith('.sqlite')).sort();
}

async function readMigratedMarker(dataDir: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path.join(dataDir, MIGRATED_MARKER), 'utf8'));
  } catch {
    return undefined;
  }
}

export async function writeMigratedMarker(dataDir: string, summary: unknown): Promise<void> {
  await writeFile(path.join(dataDir, MIGRATED_MARKER), `${JSON.stringify(summary, null, 2)}\n`);
}

/**
 * Refuses to start the new embedded database on a data folder whose documents are still in the SQLite
 * backend's files: the operator would see an empty heed while their history sits next to it.
 */
export async function unmigratedSqliteError(dataDir: string): Promise<HeedError | undefined> {
  const files = await sqliteDataFiles(dataDir);
  if (files.length === 0 || (await readMigratedMarker(dataDir)) !== undefined) return undefined;
  return new HeedError(
    'config',
    `HEED_DATA_DIR (${path.resolve(dataDir)}) holds data of heed's earlier embedded database (FerretDB with SQLite storage: ${files.join(', ')}). The embedded database now runs on PostgreSQL; copy your data into it first with \`npx heed db migrate\` (nothing is deleted), then start heed again. Or set HEED_DATA_DIR to another folder to start empty.`,
  );
}
