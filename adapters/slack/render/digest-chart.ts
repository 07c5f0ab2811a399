import type { webApi } from '@slack/bolt';
import type { Logger } from '../../../src/core/ports.ts';
import { excerpt, percent, plural } from '../../../src/core/presentation/index.ts';
import type { Digest } from '../../../src/core/views.ts';
import { hasChartData, type TrendChartRenderer } from '../../../src/insights-chart/index.ts';
import { errorContext } from '../transport/slack-errors.ts';

const CHART_FILENAME = 'heed-trend.png';

/**
 * Uploads the digest's trend chart into the digest channel (files.uploadV2: getUploadURLExternal, the
 * bytes, completeUploadExternal), right below the digest message. Runs after that message was posted,
 * so a retried digest never uploads a second chart; a render or upload failure is logged and the
 * message's text trend stands. Never throws: returns whether the chart went up.
 */
export async function postDigestChart(
  client: webApi.WebClient,
  render: TrendChartRenderer,
  digest: Digest,
  channelId: string,
  logger: Logger,
): Promise<boolean> {
  if (digest.empty || !hasChartData(digest)) return false;
  let stage = 'render';
  try {
    const png = Buffer.from(await render(digest));
    stage = 'upload';
    await client.files.uploadV2({
      channel_id: channelId,
      file: png,
      filename: CHART_FILENAME,
      title: `Trend: positive rate and feedback, last ${plural(digest.trendPeriods?.length ?? digest.trend.length, 'week')}`,
      alt_text: altText(digest),
    });
    return true;
  } catch (err) {
    logger.warn(
      { ...errorContext(err), channel: channelId, stage },
      'digest chart not posted; the text trend stands',
    );
    return false;
  }
}

/** What the chart shows, in words, for screen readers. */
export function altText(d: Pick<Digest, 'trend' | 'trendPeriods'>): string {
  const rates = d.trend.map((r) => percent(r, 'no votes'));
  const volume = d.trendPeriods
    ? `; feedback per week ${d.trendPeriods.map((p) => p.feedback).join(', ')}`
    : '';
  return excerpt(`Positive rate per week, oldest first: ${rates.join(', ')}${volume}.`, 1000);
}
