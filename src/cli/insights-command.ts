import { parseArgs } from 'node:util';
import { computeInsights } from '../core/insights/compute-insights.ts';
import { renderInsightsText } from '../core/insights/insights-text.ts';
import { type Clock, type FeedbackStore, systemClock } from '../core/ports.ts';

export interface CommandIO {
  /** Receives complete text, newline included (process.stdout.write semantics). */
  stdout(s: string): void;
  stderr(s: string): void;
}

const USAGE = 'usage: heed insights [--days N] [--json]   (N: 1–366, default 7)\n';
const DAY_MS = 86_400_000;

/** `heed insights [--days N] [--json]`: insights for the last N days. Returns the exit code. */
export async function insightsCommand(
  args: string[],
  deps: { store: FeedbackStore; io: CommandIO; clock?: Clock },
): Promise<number> {
  let values: { days?: string; json?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: { days: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    deps.io.stderr(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    deps.io.stdout(USAGE);
    return 0;
  }
  const days = values.days === undefined ? 7 : Number(values.days);
  if (!Number.isInteger(days) || days < 1 || days > 366) {
    deps.io.stderr(`--days must be a whole number from 1 to 366, got "${values.days}"\n${USAGE}`);
    return 2;
  }
  const to = (deps.clock ?? systemClock).now();
  const insights = await computeInsights(deps.store, { from: new Date(to.getTime() - days * DAY_MS), to });
  deps.io.stdout(
    values.json ? `${JSON.stringify(insights, null, 2)}\n` : `${renderInsightsText(insights)}\n`,
  );
  return 0;
}
