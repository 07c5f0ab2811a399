import type { APIEmbed, RawFile } from 'discord.js';
import { errorMessage } from '../../../src/core/errors.ts';
import type { Logger } from '../../../src/core/ports.ts';
import type { Digest } from '../../../src/core/views.ts';
import { hasChartData, type TrendChartRenderer } from '../../../src/insights-chart/index.ts';
import { NO_MENTIONS } from './limits.ts';

const CHART_FILENAME = 'trend.png';

/**
 * The digest's trend chart as PNG bytes, or null when there is none to draw. A chart that does not
 * render is logged and left out: the text trend is in the overview embed either way.
 */
export async function digestChart(
  digest: Digest,
  render: TrendChartRenderer | null,
  logger: Logger,
): Promise<Buffer | null> {
  if (!render || digest.empty || !hasChartData(digest)) return null;
  try {
    return Buffer.from(await render(digest));
  } catch (err) {
    logger.warn(
      { err: errorMessage(err), stage: 'render' },
      'digest chart not attached; the text trend stands',
    );
    return null;
  }
}

/** A message of embeds with the chart attached and shown as the first (overview) embed's image. */
export function withChart(embeds: APIEmbed[], png: Buffer): { body: unknown; files: RawFile[] } {
  const [first, ...others] = embeds;
  return {
    body: {
      embeds: [{ ...first, image: { url: `attachment://${CHART_FILENAME}` } }, ...others],
      attachments: [{ id: 0, filename: CHART_FILENAME, description: 'Positive rate and feedback per week' }],
      allowed_mentions: NO_MENTIONS,
    },
    files: [{ name: CHART_FILENAME, data: png, contentType: 'image/png' }],
  };
}
