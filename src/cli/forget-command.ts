import { userInfo } from 'node:os';
import { createInterface } from 'node:readline/promises';
import { errorMessage } from '../core/errors.ts';
import type { PrivacyRepository } from '../core/ports.ts';
import { parseUserRef, type UserRef } from '../core/user-ref.ts';
import { type CommandIO, EXIT, parseCommand, runCommand, usageError } from './command.ts';

const SPEC = {
  name: 'forget',
  usage: 'usage: heed forget --user <platform>:<userId> [--yes] [--json]\n',
  options: { user: { type: 'string' }, yes: { type: 'boolean' }, json: { type: 'boolean' } },
} as const;

export interface PrivacyDeps {
  privacy: PrivacyRepository;
  io: CommandIO;
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
  /** Asks the operator; absent when stdin is not a terminal (then --yes is required). */
  confirm?: (question: string) => Promise<boolean>;
}

/** Who runs a privacy command, for the audit record: HEED_OPERATOR, else the OS user. */
export function operatorName(env: NodeJS.ProcessEnv = process.env): string {
  if (env.HEED_OPERATOR?.trim()) return env.HEED_OPERATOR.trim();
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

/** A yes/no question on the terminal (node:readline), or undefined when stdin is not one. */
export function terminalConfirm(): ((question: string) => Promise<boolean>) | undefined {
  if (!process.stdin.isTTY) return undefined;
  return async (question) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    try {
      return /^y(es)?$/i.test((await rl.question(question)).trim());
    } finally {
      rl.close();
    }
  };
}

/** `heed forget --user <platform>:<userId> [--yes]`. Returns the exit code. */
export async function forgetCommand(args: string[], deps: PrivacyDeps): Promise<number> {
  const parsed = parseCommand(args, SPEC, deps.io);
  if ('exit' in parsed) return parsed.exit;
  const { values } = parsed;
  let user: UserRef;
  try {
    user = parseUserRef(values.user ?? '');
  } catch (err) {
    return usageError(deps.io, SPEC, errorMessage(err));
  }
  const who = `${user.platform}:${user.userId}`;
  if (!values.yes) {
    if (!deps.confirm) {
      deps.io.stderr(`heed forget: not a terminal; pass --yes to forget ${who}\n`);
      return EXIT.usage;
    }
    const ok = await deps.confirm(
      `Remove ${who}'s questions, comments, corrections, id and name from every collection? This cannot be undone. [y/N] `,
    );
    if (!ok) {
      deps.io.stderr('heed forget: cancelled, nothing changed\n');
      return EXIT.failed;
    }
  }
  return runCommand(deps.io, SPEC.name, async () => {
    const at = (deps.now ?? (() => new Date()))();
    const counts = await deps.privacy.forgetUser(user, at);
    const auditId = await deps.privacy.recordAudit({
      action: 'forget',
      operator: operatorName(deps.env),
      at,
      counts,
    });
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    if (values.json) deps.io.stdout(`${JSON.stringify({ counts, total, auditId }, null, 2)}\n`);
    else
      deps.io.stdout(
        `forgot ${who}: ${total} documents changed (${Object.entries(counts)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}); audit record ${auditId}\n`,
      );
    return EXIT.ok;
  });
}
