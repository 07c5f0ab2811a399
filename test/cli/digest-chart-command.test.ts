import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { digestCommand } from '../../src/cli/digest-command.ts';
import { loadConfig } from '../../src/config.ts';
import type { Digest } from '../../src/core/views.ts';
import { renderTrendChartPng } from '../../src/insights-chart/index.ts';
import { CHART_HEIGHT, CHART_WIDTH } from '../../src/insights-chart/trend-spec.ts';
import { createMemoryFeedbackStore } from '../../src/store/memory-feedback-store.ts';
import { asker, makeCore } from '../helpers/core.ts';
import { pngInfo } from '../helpers/png.ts';

function captureIO() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: (s: string) => void out.push(s), stderr: (s: string) => void err.push(s) },
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}

const config = loadConfig({ DIGEST_CRON: '0 9 * * 1', DIGEST_TZ: 'Europe/Berlin' });
const store = createMemoryFeedbackStore();
const { core, clock } = makeCore(store);
// Two weeks of votes: 1 of 2 positive, then 3 of 4.
for (const [at, votes] of [
  ['2026-10-21T10:00:00Z', ['up', 'down']],
  ['2026-10-30T10:00:00Z', ['up', 'up', 'up', 'down']],
] as const) {
  clock.set(new Date(at));
  const i = await core.answer('Where is the office?', asker());
  for (const [n, value] of votes.entries())
    await core.recordFeedback({
      interactionId: i.id,
      platform: 'slack',
      userId: `U${n}`,
      kind: 'vote',
      value,
    });
}
clock.set(new Date('2026-11-03T12:00:00Z'));
const deps = (io: ReturnType<typeof captureIO>['io']) => ({ core, store, config, io, clock });
const dir = await mkdtemp(join(tmpdir(), 'heed-chart-'));

describe('heed digest --chart FILE.png', () => {
  it('--dry-run --chart writes the PNG of the printed period', async () => {
    const file = join(dir, 'trend.png');
    const cap = captureIO();
    expect(await digestCommand(['--dry-run', '--chart', file], deps(cap.io))).toBe(0);
    expect(cap.stdout()).toContain('heed digest 2026-11-02T09:00');
    expect(cap.stdout()).toMatch(
      /Trend chart of 2026-11-02T09:00 written to .*trend\.png \(\d+×\d+ px, \d+ bytes\)/,
    );
    const png = await readFile(file);
    const info = pngInfo(png);
    expect(info.signature).toBe(true);
    // Rendered at 2× the chart's plot size plus its title and axes.
    expect(info.width).toBeGreaterThanOrEqual(CHART_WIDTH * 2);
    expect(info.width).toBeLessThanOrEqual((CHART_WIDTH + 200) * 2);
    expect(info.height).toBeGreaterThanOrEqual(CHART_HEIGHT * 2);
    expect(info.height).toBeLessThanOrEqual((CHART_HEIGHT + 200) * 2);
    const { size } = await stat(file);
    expect(size).toBe(png.length);
    expect(size).toBeGreaterThan(15_000);
    expect(size).toBeLessThan(400_000);
    expect(cap.stdout()).toContain(`${info.width}×${info.height} px, ${size} bytes`);
  });

  it('with --json stdout stays JSON, and the file is exactly that digest’s chart', async () => {
    const file = join(dir, 'trend-json.png');
    const cap = captureIO();
    expect(await digestCommand(['--dry-run', '--json', '--chart', file], deps(cap.io))).toBe(0);
    const digest = JSON.parse(cap.stdout()) as Digest;
    expect(digest.trendPeriods?.slice(-2)).toEqual([
      { start: '2026-10-19', end: '2026-10-26', feedback: 2, votes: 2, positiveRate: 0.5 },
      { start: '2026-10-26', end: '2026-11-02', feedback: 4, votes: 4, positiveRate: 0.75 },
    ]);
    expect(cap.stderr()).toContain('written to');
    expect((await readFile(file)).equals(await renderTrendChartPng(digest))).toBe(true);
  });

  it('an unwritable path exits 1 and says why', async () => {
    const cap = captureIO();
    expect(await digestCommand(['--dry-run', '--chart', join(dir, 'missing', 'x.png')], deps(cap.io))).toBe(
      1,
    );
    expect(cap.stderr()).toMatch(/could not write the chart to .*x\.png: ENOENT/);
  });
});
