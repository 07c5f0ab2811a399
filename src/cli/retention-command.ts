import type { PrivacyRepository } from '../core/ports.ts';
import { type CommandIO, EXIT, parseCommand, runCommand, usageError } from './command.ts';
import { operatorName } from './forget-command.ts';

const SPEC = {
  name: 'retention',
  usage: 'usage: heed retention [--dry-run] [--days N] [--json]   (N defaults to HEED_RETENTION_DAYS)\n',
  options: { 'dry-run': { type: 'boolean' }, days: { type: 'string' }, json: { type: 'boolean' } },
} as const;

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
  const parsed = parseCommand(args, SPEC, deps.io);
  if ('exit' in parsed) return parsed.exit;
  const { values } = parsed;
  const days = values.days === undefined ? deps.retentionDays : Number(values.days);
  if (days === undefined) {
    deps.io.stderr(
      'heed retention: HEED_RETENTION_DAYS is not set (heed keeps all text); set it or pass --days N\n',
    );
    return EXIT.usage;
  }
  if (!Number.isInteger(days) || days < 1 || days > 36_500)
    return usageError(deps.io, SPEC, `--days must be a whole number from 1 to 36500, got "${values.days}"`);
  return runCommand(deps.io, SPEC.name, async () => {
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
    return EXIT.ok;
  });
}
