import { parseArgs } from 'node:util';
import { errorMessage } from '../core/errors.ts';
import type { PrivacyRepository } from '../core/ports.ts';
import { operatorName } from './forget-command.ts';
import type { CommandIO } from './insights-command.ts';

const USAGE = 'usage: heed retention [--dry-run] [--days N] [--json]   (N defaults to HEED_RETENTION_DAYS)\n';

/** `heed retention [--dry-run]`: redacts (or counts) free text older than HEED_RETENTION_DAYS now. */
export async function retentionCommand(
  args: string[],
  deps: {
    privacy: PrivacyRepository;
    io: CommandIO;
    retentionDays?: number;
    env?: NodeJS.ProcessEnv;
    now?: () => Date;
  },
): Promise<number> {
  let values: { 'dry-run'?: boolean; days?: string; json?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        'dry-run': { type: 'boolean' },
        days: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    deps.io.stderr(`heed retention: ${errorMessage(err)}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    deps.io.stdout(USAGE);
    return 0;
  }
  const days = values.days === undefined ? deps.retentionDays : Number(values.days);
  if (days === undefined) {
    deps.io.stderr(
      'heed retention: HEED_RETENTION_DAYS is not set (heed keeps all text); set it or pass --days N\n',
    );
    return 2;
  }
  if (!Number.isInteger(days) || days < 1 || days > 36_500) {
    deps.io.stderr(
      `heed retention: --days must be a whole number from 1 to 36500, got "${values.days}"\n${USAGE}`,
    );
    return 2;
  }
  try {
    const now = (deps.now ?? (() => new Date()))();
    const dryRun = values['dry-run'] === true;
    const result = await deps.privacy.redactOldText(now, days, { dryRun });
    if (!dryRun)
      await deps.privacy.recordAudit({
        action: 'retention',
        operator: operatorName(deps.env),
        at: now,
        counts: { interactions: result.interactions, feedback: result.feedback },
      });
    if (values.json) deps.io.stdout(`${JSON.stringify({ days, ...result }, null, 2)}\n`);
    else
      deps.io.stdout(
        `${dryRun ? 'would redact' : 'redacted'} the text of ${result.interactions} interactions and ${result.feedback} feedback older than ${days} days (before ${result.cutoff.toISOString()})\n`,
      );
    return 0;
  } catch (err) {
    deps.io.stderr(`heed retention: ${errorMessage(err)}\n`);
    return 1;
  }
}
