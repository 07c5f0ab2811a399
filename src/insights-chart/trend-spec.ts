import type { TopLevelSpec } from 'vega-lite';
import type { Digest, DigestTrendPeriod } from '../core/views.ts';
import { CHART_FONT_STACK } from './chart-fonts.ts';

export const CHART_WIDTH = 600;
export const CHART_HEIGHT = 240;

const INK = '#1f2933';
const MUTED = '#616e7c';
const GRID = '#e4e7eb';
const LINE = '#2f6fde';
const BAR = '#c9d3df';
const BAR_CURRENT = '#8a9bb0';
const BAND = '#fff4d6';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** "2026-11-02" → "Nov 2" (the period's first day). */
export function shortDay(day: string): string {
  const [, m, d] = day.split('-').map(Number);
  return `${MONTHS[(m ?? 1) - 1]} ${d}`;
}

export interface TrendRow {
  label: string;
  feedback: number | null;
  rate: number | null;
  rateText: string;
  current: boolean;
}

/** The chart's rows: the digest's trend periods, or (older stored digests) its rates without volume. */
export function trendRows(digest: Pick<Digest, 'trend' | 'trendPeriods'>): TrendRow[] {
  const periods: (DigestTrendPeriod | null)[] = digest.trendPeriods ?? digest.trend.map(() => null);
  const seen = new Set<string>();
  return periods.map((p, i) => {
    const rate = p ? p.positiveRate : (digest.trend[i] ?? null);
    let label = p
      ? shortDay(p.start)
      : i === periods.length - 1
        ? 'This week'
        : `${periods.length - 1 - i} wk ago`;
    while (seen.has(label)) label += ' ';
    seen.add(label);
    return {
      label,
      feedback: p ? p.feedback : null,
      rate,
      rateText: rate === null ? '' : `${Math.round(rate * 100)}%`,
      current: i === periods.length - 1,
    };
  });
}

/**
 * Vega-Lite: feedback volume as bars (right axis), positive rate as a line (left axis, 0–100 %), the
 * current period on a shaded band with its rate written out. Weeks without votes break the line.
 */
export function trendSpec(rows: TrendRow[], title: { text: string; subtitle: string[] }): TopLevelSpec {
  const current = rows.at(-1)?.label ?? '';
  const hasVolume = rows.some((r) => r.feedback !== null);
  const x = {
    field: 'label',
    type: 'ordinal' as const,
    sort: null,
    scale: { domain: rows.map((r) => r.label), paddingInner: 0.35, paddingOuter: 0.2 },
    axis: {
      title: null,
      labelAngle: 0,
      labelColor: {
        condition: { test: `datum.value === ${JSON.stringify(current)}`, value: INK },
        value: MUTED,
      },
      labelFontWeight: {
        condition: { test: `datum.value === ${JSON.stringify(current)}`, value: 'bold' },
        value: 'normal',
      },
      domainColor: GRID,
      ticks: false,
      labelPadding: 8,
    },
  };
  const rate = {
    field: 'rate',
    type: 'quantitative' as const,
    scale: { domain: [0, 1] },
    axis: {
      title: 'Positive rate',
      titleColor: LINE,
      format: '.0%',
      tickCount: 5,
      grid: true,
      gridColor: GRID,
      domain: false,
      ticks: false,
    },
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    background: '#ffffff',
    padding: { left: 12, right: 12, top: 12, bottom: 8 },
    title: {
      text: title.text,
      subtitle: title.subtitle,
      anchor: 'start',
      color: INK,
      subtitleColor: MUTED,
      fontSize: 16,
      subtitleFontSize: 12,
      fontWeight: 'bold',
      offset: 14,
    },
    data: { values: rows },
    encoding: { x },
    layer: [
      // No y encoding: the band spans the plot's height behind the current period.
      { transform: [{ filter: 'datum.current' }], mark: { type: 'bar', color: BAND, width: { band: 1.4 } } },
      ...(hasVolume
        ? [
            {
              mark: { type: 'bar' as const, cornerRadiusTopLeft: 3, cornerRadiusTopRight: 3 },
              encoding: {
                y: {
                  field: 'feedback',
                  type: 'quantitative' as const,
                  scale: { domain: { unionWith: [0, 5] }, nice: true },
                  axis: {
                    title: 'Feedback',
                    titleColor: BAR_CURRENT,
                    orient: 'right' as const,
                    grid: false,
                    format: 'd',
                    tickMinStep: 1,
                    domain: false,
                    ticks: false,
                  },
                },
                color: { condition: { test: 'datum.current', value: BAR_CURRENT }, value: BAR },
              },
            },
          ]
        : []),
      {
        layer: [
          {
            mark: {
              type: 'line',
              color: LINE,
              strokeWidth: 2.5,
              interpolate: 'linear',
              invalid: 'break-paths-show-domains',
            },
          },
          {
            transform: [{ filter: 'datum.rate !== null' }],
            mark: {
              type: 'point',
              filled: true,
              color: LINE,
              opacity: 1,
              stroke: '#ffffff',
              strokeWidth: 1.5,
            },
            encoding: {
              size: { condition: { test: 'datum.current', value: 110 }, value: 55 },
            },
          },
          {
            transform: [{ filter: 'datum.current && datum.rate !== null' }],
            mark: { type: 'text', dy: -14, fontWeight: 'bold', fontSize: 13, color: LINE },
            encoding: { text: { field: 'rateText' } },
          },
        ],
        encoding: { y: rate },
      },
    ],
    resolve: { scale: { y: 'independent' } },
    config: {
      font: CHART_FONT_STACK,
      view: { stroke: null },
      axis: { labelFontSize: 11, titleFontSize: 11, labelColor: MUTED, titleFontWeight: 'normal' },
    },
  } as TopLevelSpec;
}
