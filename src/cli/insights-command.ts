import { computeInsights } from '../core/insights/compute-insights.ts';
import { renderInsightsText } from '../core/insights/insights-text.ts';
import { type Clock, type FeedbackStore, systemClock } from '../core/ports.ts';
import { type CommandIO, EXIT, parseCommand, usageError } from './command.ts';

const SPEC = {
  name: 'insights',
  usage: 'usage: heed insights [--days N] [--json]   (N: 1–366, default 7)\n',
  options: { days: { type: 'string' }, json: { type: 'boolean' } },
} as const;
const DAY_MS = 86_400_000;

/** `heed insights [--days N] [--json]`: insights for the last N days. Returns the exit code. */
export async function insightsCommand(
  args: string[],
  deps: { store: FeedbackStore; io: CommandIO; clock?: Clock },
): Promise<number> {
  const parsed = parseCommand(args, SPEC, deps.io);
  if ('exit' in parsed) return parsed.exit;
  const { values } = parsed;
  const days = values.days === undefined ? 7 : Number(values.days);
  if (!Number.isInteger(days) || days < 1 || days > 366)
    return usageError(deps.io, SPEC, `--days must be a whole number from 1 to 366, got "${values.days}"`);
  const to = (deps.clock ?? systemClock).now();
  const insights = await computeInsights(deps.store, { from: new Date(to.getTime() - days * DAY_MS), to });
  deps.io.stdout(
    values.json ? `${JSON.stringify(insights, null, 2)}\n` : `${renderInsightsText(insights)}\n`,
  );
  return EXIT.ok;
}
