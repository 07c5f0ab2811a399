import type { ChartDigest } from './trend-chart.ts';
import { renderTrendChartPng } from './trend-chart.ts';

export { chartFontFiles } from './chart-fonts.ts';
export { type ChartDigest, renderTrendChartPng, renderTrendChartSvg, svgToPng } from './trend-chart.ts';

/** Renders a digest's trend chart as PNG; adapters take one so tests can make it fail. */
export type TrendChartRenderer = (digest: ChartDigest) => Promise<Uint8Array>;

/** Worth drawing: some period had feedback or votes. */
export function hasChartData(digest: Pick<ChartDigest, 'trend' | 'trendPeriods'>): boolean {
  return digest.trendPeriods
    ? digest.trendPeriods.some((p) => p.feedback > 0 || p.positiveRate !== null)
    : digest.trend.some((r) => r !== null);
}

let last: { key: string; png: Promise<Buffer> } | undefined;

/**
 * The default renderer. The digest job posts one digest to several channels in a row: the PNG of the
 * same data is rendered once.
 */
export const trendChartPng: TrendChartRenderer = (digest) => {
  const key = JSON.stringify([digest.periodKey, digest.trend, digest.trendPeriods ?? null]);
  if (last?.key !== key) {
    const png = renderTrendChartPng(digest);
    last = { key, png };
    png.catch(() => {
      if (last?.png === png) last = undefined;
    });
  }
  return last.png;
};
