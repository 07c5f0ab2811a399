import { type APIEmbed, DiscordAPIError, HTTPError, type REST, Routes } from 'discord.js';
import { errorMessage } from '../../../src/core/errors.ts';
import type { Logger } from '../../../src/core/ports.ts';
import type { Digest } from '../../../src/core/views.ts';
import { hasChartData, type TrendChartRenderer } from '../../../src/insights-chart/index.ts';
import { digestMessages } from './digest-embeds.ts';
import { NO_MENTIONS } from './limits.ts';

export const CHART_FILENAME = 'trend.png';

/**
 * Posts the digest's messages of embeds; the first one carries the trend chart as an attachment shown
 * as its overview embed's image. A chart that does not render, or a post with it that Discord refuses,
 * falls back to the same message without it (the text trend is in the embed either way). A failure of
 * a plain message still propagates, so the scheduler retries the digest.
 */
export async function postDigestMessages(
  rest: REST,
  channelId: string,
  digest: Digest,
  render: TrendChartRenderer | null,
  logger: Logger,
): Promise<void> {
  const messages = digestMessages(digest);
  const png = await chartFor(digest, render, logger);
  for (const [n, embeds] of messages.entries()) {
    if (n === 0 && png && (await postWithChart(rest, channelId, embeds, png, logger))) continue;
    await rest.post(Routes.channelMessages(channelId), { body: { embeds, allowed_mentions: NO_MENTIONS } });
  }
}

async function chartFor(
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

async function postWithChart(
  rest: REST,
  channelId: string,
  embeds: APIEmbed[],
  png: Buffer,
  logger: Logger,
): Promise<boolean> {
  const [first, ...others] = embeds;
  try {
    await rest.post(Routes.channelMessages(channelId), {
      body: {
        embeds: [{ ...first, image: { url: `attachment://${CHART_FILENAME}` } }, ...others],
        attachments: [
          { id: 0, filename: CHART_FILENAME, description: 'Positive rate and feedback per week' },
        ],
        allowed_mentions: NO_MENTIONS,
      },
      files: [{ name: CHART_FILENAME, data: png, contentType: 'image/png' }],
    });
    return true;
  } catch (err) {
    // Discord answered (too large, refused attachment, …): nothing was posted, so post without the chart.
    // Anything else (the connection dropped) may have posted: the scheduler's retry decides.
    if (!(err instanceof DiscordAPIError || err instanceof HTTPError)) throw err;
    logger.warn(
      { err: errorMessage(err), stage: 'upload' },
      'digest chart not attached; the text trend stands',
    );
    return false;
  }
}
