import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const FORBIDDEN =
  /from\s+['"](@slack\/[^'"]*|discord\.js|@discordjs\/[^'"]*|mongodb|node-cron|openai|pino)['"]/;

async function tsFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.join(e.parentPath, e.name));
}

describe('architecture boundary', () => {
  it('src/core imports no platform SDK, database driver, scheduler, LLM client or logger library', async () => {
    const files = await tsFiles(path.join(root, 'src/core'));
    expect(files.length).toBeGreaterThan(5);
    const offenders: string[] = [];
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      if (FORBIDDEN.test(text)) offenders.push(path.relative(root, file));
      if (/from\s+['"]\.\.\/(\.\.\/)*(store|adapters|answerer|scheduler)\//.test(text))
        offenders.push(path.relative(root, file));
    }
    expect(offenders).toEqual([]);
  });

  it('the check itself catches an SDK import', () => {
    expect(FORBIDDEN.test("import { App } from '@slack/bolt';")).toBe(true);
    expect(FORBIDDEN.test("import { MongoClient } from 'mongodb';")).toBe(true);
    expect(FORBIDDEN.test("import { z } from 'zod';")).toBe(false);
  });
});
