import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import type { DigestTrendPeriod } from '../../src/core/views.ts';
import {
  chartFontFiles,
  hasChartData,
  renderTrendChartPng,
  renderTrendChartSvg,
  svgToPng,
  trendChartPng,
} from '../../src/insights-chart/index.ts';
import { CHART_HEIGHT, CHART_WIDTH, trendRows } from '../../src/insights-chart/trend-spec.ts';
import { pngInfo } from '../helpers/png.ts';

const STARTS = [
  '2026-09-14',
  '2026-09-21',
  '2026-09-28',
  '2026-10-05',
  '2026-10-12',
  '2026-10-19',
  '2026-10-26',
];
const FEEDBACK = [0, 12, 30, 25, 0, 41, 4, 15];
const RATES = [null, 0.5, 0.62, 0.55, null, 0.71, 0.25, 0.5454];
const periods: DigestTrendPeriod[] = [...STARTS, '2026-11-02'].map((start, i) => ({
  start,
  end: STARTS[i + 1] ?? (i === 6 ? '2026-11-02' : '2026-11-09'),
  feedback: FEEDBACK[i]!,
  votes: FEEDBACK[i]!,
  positiveRate: RATES[i]!,
}));
const digest = { periodKey: '2026-11-09T09:00', trend: RATES, trendPeriods: periods };

describe('trend chart', () => {
  it('draws 8 periods: a bar per period with feedback, the rate line, the current period marked', async () => {
    const svg = await renderTrendChartSvg(digest);
    expect(svg.startsWith('<svg')).toBe(true);
    for (const label of ['Sep 14', 'Oct 26', 'Nov 2', 'Positive rate', 'Feedback', '55%', 'Nov 9 2026'])
      expect(svg).toContain(label);
    // The x axis keeps the periods in order, the current one last and bold.
    const order = [...svg.matchAll(/>((?:Sep|Oct|Nov) \d+)</g)].map((m) => m[1]);
    expect(order.slice(0, 8)).toEqual([
      'Sep 14',
      'Sep 21',
      'Sep 28',
      'Oct 5',
      'Oct 12',
      'Oct 19',
      'Oct 26',
      'Nov 2',
    ]);
    expect(svg).toMatch(/font-weight="bold"[^>]*>Nov 2</);
    const bars = [...svg.matchAll(/aria-label="label: ([^;]+); feedback: (\d+)"[^>]*fill="(#[0-9a-f]+)"/g)];
    expect(bars.map((b) => Number(b[2]))).toEqual(FEEDBACK);
    expect(new Set(bars.slice(0, 7).map((b) => b[3])).size).toBe(1);
    expect(bars[7]![3]).not.toBe(bars[0]![3]);
    // The line has a gap where a week had no votes: two path segments' worth of moves.
    const line = /class="mark-line[^>]*>.*?d="([^"]+)"/.exec(svg)![1]!;
    expect(line.match(/M/g)!.length).toBeGreaterThanOrEqual(2);
    const rows = trendRows(digest);
    expect(rows.map((r) => r.current)).toEqual([false, false, false, false, false, false, false, true]);
    expect(rows.at(-1)).toMatchObject({ feedback: 15, rateText: '55%' });
  });

  it('renders a PNG at twice the chart size with the shipped font, no system fonts', async () => {
    const png = await renderTrendChartPng(digest);
    const info = pngInfo(png);
    expect(info.signature).toBe(true);
    expect(info.width).toBeGreaterThan(CHART_WIDTH * 2);
    expect(info.width).toBeLessThan((CHART_WIDTH + 200) * 2);
    expect(info.height).toBeGreaterThan(CHART_HEIGHT * 2);
    expect(info.height).toBeLessThan((CHART_HEIGHT + 200) * 2);
    expect(png.length).toBeGreaterThan(15_000);
    expect(png.length).toBeLessThan(400_000);
    expect(chartFontFiles().every((f) => f.endsWith('.ttf') && f.includes('dejavu-fonts-ttf'))).toBe(true);
    // Without the shipped font files resvg draws no text at all: the text in our PNG comes from them.
    const svg = await renderTrendChartSvg(digest);
    const noFonts = new Resvg(svg, {
      fitTo: { mode: 'zoom', value: 2 },
      background: '#ffffff',
      font: { fontFiles: [], loadSystemFonts: false },
    })
      .render()
      .asPng();
    expect(Buffer.from(noFonts).equals(svgToPng(svg))).toBe(false);
    expect(noFonts.length).toBeLessThan(png.length);
  });

  it('works for digests stored before the trend periods existed (rates only, no bars)', async () => {
    const svg = await renderTrendChartSvg({
      periodKey: 'k',
      trend: [null, 0.3, 0.5, 0.6, null, 0.7, 0.2, 0.9],
    });
    expect(svg).toContain('This week');
    expect(svg).toContain('90%');
    expect(svg).not.toContain('Feedback<');
  });

  it('says when there is nothing to draw; the default renderer reuses the same PNG', async () => {
    const empty = periods.map((p) => ({ ...p, feedback: 0, votes: 0, positiveRate: null }));
    expect(hasChartData({ trend: empty.map(() => null), trendPeriods: empty })).toBe(false);
    expect(hasChartData(digest)).toBe(true);
    const a = await trendChartPng(digest);
    expect(await trendChartPng({ ...digest })).toBe(a);
  });
});

describe('loading the chart module', () => {
  it('does not break discord.js loaded after it (vega is loaded on first render only)', async () => {
    const { execFileSync } = await import('node:child_process');
    const script = [
      "await import('./src/insights-chart/index.ts');",
      "const d = await import('discord.js');",
      'new d.Client({ intents: [d.GatewayIntentBits.Guilds] });',
      "process.stdout.write('ok');",
    ].join('\n');
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
    });
    expect(out).toBe('ok');
  });
});
