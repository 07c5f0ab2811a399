import { Resvg } from '@resvg/resvg-js';
import type { Digest } from '../core/views.ts';
import { CHART_FONT_FAMILY, chartFontFiles } from './chart-fonts.ts';
import { shortDay, trendRows, trendSpec } from './trend-spec.ts';

export type ChartDigest = Pick<Digest, 'trend' | 'trendPeriods' | 'periodKey'>;

/** The trend chart as SVG (the playground shows it as is; the PNG is rendered from it). */
export async function renderTrendChartSvg(digest: ChartDigest): Promise<string> {
  const rows = trendRows(digest);
  const periods = digest.trendPeriods;
  const span =
    periods && periods.length > 0
      ? `${shortDay(periods[0]!.start)} – ${shortDay(periods.at(-1)!.end)} ${periods.at(-1)!.end.slice(0, 4)}`
      : `up to ${digest.periodKey}`;
  const spec = trendSpec(rows, {
    text: 'Positive rate and feedback volume',
    subtitle: [
      `Last ${rows.length} weeks, ${span}`,
      'Line: positive rate · bars: feedback · shaded: this week',
    ],
  });
  // Loaded on first use: vega evaluated before discord.js breaks discord.js's event emitter at load
  // ("string "Set()" is not iterable"); heed's processes load discord.js at start, long before a chart.
  const [{ parse, View }, { compile }] = await Promise.all([import('vega'), import('vega-lite')]);
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** PNG pixels of the chart: the SVG rendered by resvg at `scale` with the shipped font only. */
export async function renderTrendChartPng(digest: ChartDigest, scale = 2): Promise<Buffer> {
  const svg = await renderTrendChartSvg(digest);
  return svgToPng(svg, scale);
}

export function svgToPng(svg: string, scale = 2): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: '#ffffff',
    font: {
      fontFiles: chartFontFiles(),
      loadSystemFonts: false,
      defaultFontFamily: CHART_FONT_FAMILY,
      sansSerifFamily: CHART_FONT_FAMILY,
    },
  });
  return resvg.render().asPng();
}
