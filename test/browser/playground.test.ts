import { mkdir } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DONT_KNOW } from '../../src/answerer/messages.ts';
import { LIMITS } from '../../src/core/schemas.ts';
import { REASON_LABELS, REASONS } from '../../src/core/types.ts';
import type { Heed } from '../../src/main.ts';
import {
  type BrowserPlayground,
  OUT,
  openBrowserPlayground,
  renderTagsInPage,
  seedDashboard,
  skipBrowser,
} from './browser-harness.ts';

const QUESTION = 'How do I reset my password?';
const CORRECTION = 'Open Settings → Security → Reset password, then follow the e-mail link.';
const HOSTILE_Q = 'How do I turn on two-factor login?';
const HOSTILE_MD = [
  'Open **Settings** and pick `Security`:',
  '',
  '- Turn on *two-factor* login',
  '- Read [the guide](https://example.com/help) or [click](javascript:window.__pwned=4)',
  '',
  '<script>window.__pwned=2</script> <img src=x onerror="window.__pwned=3">',
].join('\n');

describe.skipIf(skipBrowser)('the playground in a real browser', () => {
  let pg: BrowserPlayground | undefined;
  let browser: Browser;
  let page: Page;
  let url: string;
  let heed: Heed | undefined;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    pg = await openBrowserPlayground();
    ({ heed, browser, page, url, pageErrors } = pg);
  });
  afterAll(async () => {
    await pg?.close();
  });

  const answers = () => page.locator('#messages .msg-a');
  const openReviews = () => page.locator('#reviews .review');

  async function downvoteAs(name: string) {
    await page.getByLabel('Acting as user').selectOption({ label: name });
    const card = answers().first();
    await card.getByRole('button', { name: 'Not helpful: vote down with reasons' }).click();
    await card.getByRole('button', { name: 'Reason: outdated' }).click();
    await card.getByLabel('Comment on the answer').fill(`${name} says this is out of date`);
    await card.getByRole('button', { name: 'Send vote down' }).click();
    // The server's reply, worded as on Slack and Discord.
    await card.locator('.status-line', { hasText: `${name}: Thanks — your 👎 is recorded.` }).waitFor();
  }

  it('asks, collects 👎 from three users, lets a moderator apply a correction, and answers better', async () => {
    await page.goto(url);
    await page.locator('#live[data-state="live"]').waitFor();

    // Ask with the keyboard: Enter sends; Tab moves on with a visible focus ring.
    await page.getByLabel('Your question').fill(QUESTION);
    await page.getByLabel('Your question').press('Enter');
    await answers().first().getByText(DONT_KNOW).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Ask the question',
    );
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe('solid');

    for (const name of ['Ada', 'Grace', 'Linus']) await downvoteAs(name);
    await answers().first().locator('.status-line', { hasText: 'review raised' }).waitFor();

    // The review reaches the moderators' pane live (server-sent event), exactly once.
    await openReviews().first().waitFor();
    expect(await openReviews().count()).toBe(1);
    const review = openReviews().first();
    expect(await review.locator('.review-q').textContent()).toBe(QUESTION);
    // The review opened on the third 👎 and holds all three (the earlier two made it count).
    expect(await review.locator('.related li').count()).toBe(3);
    expect(await page.locator('#count-open').textContent()).toBe('1');

    // Not a moderator yet: the core refuses, and the page says so.
    const correction = review.getByLabel('Corrected answer for the knowledge base');
    await correction.fill(CORRECTION);
    await review.getByRole('button', { name: `Apply correction: ${QUESTION}` }).click();
    await review.getByRole('alert').getByText('Only moderators can resolve reviews.').waitFor();
    await mkdir(OUT, { recursive: true });
    await page.screenshot({ path: `${OUT}playground-review.png`, fullPage: true });

    // Keyboard only: the switch toggles with Space, and focus is visible.
    await page.getByLabel('Act as a moderator').focus();
    await page.keyboard.press('Space');
    expect(await page.getByLabel('Act as a moderator').isChecked()).toBe(true);
    await review.getByRole('button', { name: `Apply correction: ${QUESTION}` }).click();
    await page.locator('#reviews .empty').waitFor();
    await page
      .locator('#toasts .toast', {
        hasText: 'Done — the correction is now knowledge entry v1 for this question.',
      })
      .waitFor();
    expect(await page.locator('#count-closed').textContent()).toBe('1');
    await page.locator('#knowledge .kb-entry', { hasText: CORRECTION }).waitFor();

    // Asking again now gets the approved correction.
    await page.getByLabel('Your question').fill('how do i reset my password');
    await page.getByRole('button', { name: 'Ask the question' }).click();
    await answers().nth(1).getByText(CORRECTION).waitFor();
    expect(await answers().nth(1).locator('.answer-text').textContent()).toBe(CORRECTION);

    await page.getByRole('button', { name: 'Show resolved and dismissed reviews' }).click();
    await page.locator('#reviews .review[data-status="resolved"]').waitFor();
    // The closed card tells the outcome in the shared sentence, then when it happened.
    expect(await page.locator('#reviews .resolution > div').first().textContent()).toMatch(
      /^Linus applied the correction to the knowledge base \(version 1\)\. · \S/,
    );
    expect(await page.locator('#reviews .resolution > div').nth(1).textContent()).toBe(CORRECTION);
    await page.screenshot({ path: `${OUT}playground.png`, fullPage: true });
    // The one failed request the browser logs is the refused non-moderator attempt above.
    expect(pageErrors.filter((e) => !e.includes('status of 403'))).toEqual([]);
  }, 120_000);

  it("shows users' text as text, never as markup", async () => {
    const hostile = '<img src=x onerror="window.__pwned=1"><b>bold?</b>';
    await page.getByLabel('Your question').fill(hostile);
    await page.getByLabel('Your question').press('Enter');
    await answers().nth(2).waitFor();
    expect(await page.locator('#messages .msg-q').last().textContent()).toContain(hostile);
    expect(await page.locator('#messages img, #messages b').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  it('renders an answer as Markdown, with hostile HTML and links as inert text', async () => {
    const core = heed!.core;
    const mod = { platform: 'web' as const, userId: 'mod', name: 'Mo', isModerator: true };
    const first = await core.answer(HOSTILE_Q, { platform: 'web', userId: 'seed', channelId: 'playground' });
    const out = await core.recordFeedback({
      interactionId: first.id,
      platform: 'web',
      userId: 'seed',
      kind: 'correction',
      value: HOSTILE_MD,
    });
    await core.resolveReview({
      reviewId: out.review!.id,
      action: 'apply_correction',
      text: HOSTILE_MD,
      actor: mod,
    });
    await page.getByLabel('Your question').fill(HOSTILE_Q);
    await page.getByLabel('Your question').press('Enter');
    const answer = answers().last().locator('.answer-text');
    await answer.locator('strong', { hasText: 'Settings' }).waitFor();
    // Markdown became elements: bold, inline code, a list, a safe link.
    expect(await answer.locator('code').first().textContent()).toBe('Security');
    expect(await answer.locator('li').count()).toBe(2);
    expect(await answer.locator('a').count()).toBe(1);
    expect(await answer.locator('a').getAttribute('href')).toBe('https://example.com/help');
    expect(await answer.locator('a').getAttribute('rel')).toContain('noopener');
    // Hostile HTML is text, the javascript: link only text; nothing ran.
    const text = (await answer.textContent()) ?? '';
    expect(text).toContain('<script>window.__pwned=2</script>');
    expect(text).toContain('<img src=x onerror="window.__pwned=3">');
    expect(text).toContain('[click](javascript:window.__pwned=4)');
    expect(await answer.locator('script, img, iframe').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await answers().last().scrollIntoViewIfNeeded();
    await page.locator('.pane-chat').screenshot({ path: `${OUT}playground-markdown.png` });
  });

  it("the page creates only the server's Markdown tags, whatever a tree names", async () => {
    const html = await renderTagsInPage(page, ['script', 'img', 'iframe', 'em', 'td']);
    expect(html).toBe('scriptimgiframe<em>em</em><td>td</td>');
  });

  it('shows a dashboard whose headline numbers match the seeded feedback', async () => {
    // Seeded here, on top of the earlier tests' 3 👎 (password reset) and 1 correction (above).
    await seedDashboard(heed!.core);
    // Votes: 4 👍, 3 + 1 + 3 👎 → 36 %; feedback: 3 + 1 + 5 + 2 + 3 = 14; ratings 5 and 4 → 4.5.
    await page.getByRole('button', { name: 'Refresh insights and digest preview' }).click();
    const value = (id: string) => page.locator(`[data-headline="${id}"] .headline-value`);
    await page.locator('[data-headline="feedback"] .headline-value', { hasText: '14' }).waitFor();
    expect(await value('positive-rate').textContent()).toBe('36%');
    expect(await value('feedback').textContent()).toBe('14');
    expect(await value('corrections').textContent()).toBe('1');
    expect(await value('rating').textContent()).toBe('4.5 / 5');
    expect(await page.locator('[data-headline="positive-rate"] .headline-detail').textContent()).toBe(
      '4 👍 · 7 👎',
    );
    // Asked in the page: two password questions, the hostile one, the Markdown one; here: three more.
    expect(await value('answers').textContent()).toBe('7');
    expect(await page.locator('[data-headline="feedback"] .headline-change').textContent()).toBe(
      '+14 vs the 7 days before',
    );
    // The trend chart is the digest's SVG, loaded as an image.
    const chart = page.locator('.dash-chart img');
    await chart.waitFor();
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('.dash-chart img');
      return img?.complete && img.naturalWidth > 0;
    });
    expect(await chart.getAttribute('alt')).toMatch(/^Weekly positive rate, oldest first: .*36%/);
    // Common issues as a table: representative question, frequency, reasons, sample comments.
    const issue = page.locator('.dash-issues tbody tr', { hasText: QUESTION });
    expect(await issue.locator('.issue-q').textContent()).toBe(QUESTION);
    expect(await issue.locator('.issue-count').textContent()).toBe('3');
    expect(await issue.locator('.chip').first().textContent()).toBe('Outdated × 3');
    expect(await issue.locator('.comments li').count()).toBe(3);
    const invoiceIssue = page.locator('.dash-issues tbody tr', { hasText: 'Can I pay by invoice?' });
    expect(await invoiceIssue.locator('.chip').textContent()).toBe('Incomplete × 3');
    // The opportunity links to its open review in the moderators' pane.
    const link = page
      .locator('.opportunity', { hasText: 'Can I pay by invoice?' })
      .getByRole('link', { name: 'Open its review →' });
    // The pane shows resolved reviews since the first test: the link switches to the open ones and
    // focuses the review's card.
    await link.click();
    const card = page.locator('#reviews .review', { hasText: 'Can I pay by invoice?' });
    await card.waitFor();
    expect(await link.getAttribute('href')).toBe(`#${await card.getAttribute('id')}`);
    await page.waitForFunction(
      () => document.activeElement?.getAttribute('aria-label') === 'Review: Can I pay by invoice?',
    );
    // Labels are written for people, never derived from key names.
    const labels = await page.locator('.headline-label').allTextContents();
    expect(labels).toEqual([
      'Positive rate',
      'Feedback received',
      'Questions answered',
      'Corrections suggested',
      'Average rating',
    ]);
    expect(await page.locator('#dashboard').textContent()).not.toMatch(/positiveRate|periodKey|byKind/);
    // The sticky top bar would cover part of an element screenshot.
    await page.evaluate(() =>
      document.querySelector<HTMLElement>('.topbar')?.style.setProperty('position', 'static'),
    );
    await page.locator('.pane-insights').scrollIntoViewIfNeeded();
    await page.locator('.pane-insights').screenshot({ path: `${OUT}playground-dashboard.png` });
    await page.setViewportSize({ width: 820, height: 1000 });
    await page.locator('.pane-insights').screenshot({ path: `${OUT}playground-dashboard-narrow.png` });
    await page.setViewportSize({ width: 1440, height: 1000 });
    expect(pageErrors.filter((e) => !e.includes('status of 403'))).toEqual([]);
  });

  it('takes its reasons, their labels and the length limits from the server', async () => {
    // The page as served: the core's own values, in the core's order.
    const card = answers().first();
    const downButton = card.getByRole('button', { name: 'Not helpful: vote down with reasons' });
    await downButton.click();
    const chips = card.getByRole('group', { name: 'Reasons' }).getByRole('button');
    expect(await chips.allTextContents()).toEqual(REASONS.map((r) => REASON_LABELS[r]));
    expect(await card.getByLabel('Comment on the answer').getAttribute('maxlength')).toBe(
      String(LIMITS.comment),
    );
    await downButton.click();
    expect(await page.getByLabel('Your question').getAttribute('maxlength')).toBe(String(LIMITS.question));

    // The same page told other values by /api/options follows them: it holds no copy of its own.
    const other = await browser.newPage();
    await other.route('**/api/options', (route) =>
      route.fulfill({
        json: {
          reasons: [
            { value: 'incomplete', label: 'Missing bits' },
            { value: 'outdated', label: 'Stale' },
          ],
          limits: { ...LIMITS, question: 77, comment: 12, correction: 34, instructions: 56, note: 9 },
        },
      }),
    );
    await other.goto(url);
    await other.locator('#live[data-state="live"]').waitFor();
    expect(await other.getByLabel('Your question').getAttribute('maxlength')).toBe('77');
    await other.getByLabel('Your question').fill('Where is the office?');
    await other.getByLabel('Your question').press('Enter');
    const answer = other.locator('#messages .msg-a').first();
    await answer.getByRole('button', { name: 'Not helpful: vote down with reasons' }).click();
    const otherChips = answer.getByRole('group', { name: 'Reasons' }).getByRole('button');
    expect(await otherChips.allTextContents()).toEqual(['Missing bits', 'Stale']);
    expect(await answer.getByLabel('Comment on the answer').getAttribute('maxlength')).toBe('12');
    await answer.getByRole('button', { name: 'Suggest a correction' }).click();
    expect(await answer.getByLabel('Corrected answer').getAttribute('maxlength')).toBe('34');
    // The open review from the dashboard test: its reasons carry the server's labels, its forms the limits.
    const review = other.locator('#reviews .review', { hasText: 'Can I pay by invoice?' });
    await review.waitFor();
    expect(await review.getByLabel('Reasons given').textContent()).toBe('Missing bits × 3');
    expect(await review.getByLabel('Corrected answer for the knowledge base').getAttribute('maxlength')).toBe(
      '34',
    );
    await review.getByRole('button', { name: 'Update instructions for this review' }).click();
    expect(await review.getByLabel("The assistant's instructions").getAttribute('maxlength')).toBe('56');
    await review.getByRole('button', { name: 'Dismiss for this review' }).click();
    expect(await review.getByLabel('Note (optional)').getAttribute('maxlength')).toBe('9');
    await other.close();
  });
});
