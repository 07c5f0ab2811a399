import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import type { FeedbackCore } from '../../src/core/feedback-core.ts';
import { type Heed, startHeed } from '../../src/main.ts';
import type { MongoFeedbackStore } from '../../src/store/mongo-feedback-store.ts';
import { testMongoUri } from '../helpers/db.ts';
import { memoryLogger } from '../helpers/fakes.ts';

const CHROMIUM = '/usr/bin/chromium';
/** Where the browser tests leave their screenshots. */
export const OUT = fileURLToPath(new URL('../../test-output/', import.meta.url));
// Locally without Debian's chromium the test is skipped with a hint; in CI it must run (and fails without it).
export const skipBrowser = !existsSync(CHROMIUM) && !process.env.CI;
if (skipBrowser) console.warn(`browser test skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`);

export interface BrowserPlayground {
  heed: Heed;
  browser: Browser;
  page: Page;
  url: string;
  /** Errors the page threw or logged, for the tests to check. */
  pageErrors: string[];
  close(): Promise<void>;
}

/**
 * The real composition root (config from env, the run's database, the offline answerer over the
 * repository's seed knowledge, the playground on a random port) and a headless Chromium on its page.
 */
export async function openBrowserPlayground(): Promise<BrowserPlayground> {
  const dbName = `browser_${randomBytes(4).toString('hex')}`;
  const heed = await startHeed({
    env: {
      MONGODB_URI: testMongoUri(),
      MONGODB_DB: dbName,
      PORT: '0',
      HEED_PLAYGROUND: '1',
      KNOWLEDGE_DIR: fileURLToPath(new URL('../../knowledge/', import.meta.url)),
    },
    logger: memoryLogger(),
  });
  const url = heed.url.replace('localhost', '127.0.0.1');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--headless=new'],
  });
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') pageErrors.push(msg.text());
  });
  return {
    heed,
    browser,
    page,
    url,
    pageErrors,
    async close() {
      await browser.close();
      await (heed.store as MongoFeedbackStore).db.dropDatabase().catch(() => {});
      await heed.stop();
    },
  };
}

/**
 * What the page's own Markdown renderer (public/markdown.js) makes of a tree naming each of `tags`, each
 * around its own name as text, as HTML. The script is a string so that the page's module loader runs the
 * import: vitest would rewrite one in a function.
 */
export async function renderTagsInPage(page: Page, tags: string[]): Promise<string> {
  const tree = tags.map((t) => ({ t, c: [{ t: 'text', v: t }] }));
  return page.evaluate(`import('/assets/markdown.js').then(({ renderMarkdown }) => {
    const box = document.createElement('div');
    box.append(renderMarkdown(${JSON.stringify(tree)}));
    return box.innerHTML;
  })`);
}

/**
 * The dashboard test's feedback: "Where is the office?" with 4 👍, 1 👎 and ratings 5 and 4; "Can I pay
 * by invoice?" with three 👎 (reason and comment), which open a review — an opportunity linking to it.
 */
export async function seedDashboard(core: FeedbackCore): Promise<void> {
  const ask = (q: string) => core.answer(q, { platform: 'web', userId: 'seed', channelId: 'playground' });
  const office = await ask('Where is the office?');
  for (const [userId, value] of [
    ['s1', 'up'],
    ['s2', 'up'],
    ['s3', 'up'],
    ['s4', 'up'],
    ['s5', 'down'],
  ] as const)
    await core.recordFeedback({ interactionId: office.id, platform: 'web', userId, kind: 'vote', value });
  for (const [userId, value] of [
    ['s1', 5],
    ['s2', 4],
  ] as const)
    await core.recordFeedback({ interactionId: office.id, platform: 'web', userId, kind: 'rating', value });
  const invoice = await ask('Can I pay by invoice?');
  for (const userId of ['s6', 's7', 's8'])
    await core.recordFeedback({
      interactionId: invoice.id,
      platform: 'web',
      userId,
      kind: 'vote',
      value: 'down',
      reasons: ['incomplete'],
      comment: `${userId}: no word on invoices`,
    });
}
