import { type ParseArgsConfig, parseArgs } from 'node:util';
import { errorMessage } from '../core/errors.ts';

/** What every `heed` command shares: its output, exit codes, flag parsing and how it reports errors. */

type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig['options']>;

export interface CommandIO {
  /** Receives complete text, newline included (process.stdout.write semantics). */
  stdout(s: string): void;
  stderr(s: string): void;
}

/** Exit codes: 0 done, 1 unexpected failure (e.g. the database), 2 bad usage or unknown id. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export interface CommandSpec<O extends ParseArgsOptionsConfig> {
  /** `heed <name>` starts each of its error messages. */
  name: string;
  /** Printed for --help and after a usage error; ends with a newline. */
  usage: string;
  /** The flags besides --help / -h, which every command has. */
  options: O;
  /** Whether the command takes positional arguments (default: none). */
  positionals?: boolean;
}

type Strict<O extends ParseArgsOptionsConfig> = {
  args: string[];
  options: O;
  strict: true;
  allowPositionals: true;
};
export type ParsedCommand<O extends ParseArgsOptionsConfig> = Pick<
  ReturnType<typeof parseArgs<Strict<O>>>,
  'values' | 'positionals'
>;

/** A usage error: `heed <name>: <message>` and the usage, on stderr. Returns the exit code. */
export function usageError(io: CommandIO, spec: Pick<CommandSpec<never>, 'name' | 'usage'>, message: string) {
  io.stderr(`heed ${spec.name}: ${message}\n${spec.usage}`);
  return EXIT.usage;
}

/**
 * The command's flags via node's parseArgs, strict: an unknown flag or a missing value is a usage error
 * that names it. `exit` when the flags were bad or --help was asked for (both already answered).
 */
export function parseCommand<O extends ParseArgsOptionsConfig>(
  args: string[],
  spec: CommandSpec<O>,
  io: CommandIO,
): ParsedCommand<O> | { exit: number } {
  let parsed: ParsedCommand<O>;
  try {
    parsed = parseArgs({
      args,
      options: { ...spec.options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: spec.positionals === true,
    }) as ParsedCommand<O>;
  } catch (err) {
    return { exit: usageError(io, spec, errorMessage(err)) };
  }
  if ((parsed.values as { help?: boolean }).help) {
    io.stdout(spec.usage);
    return { exit: EXIT.ok };
  }
  return parsed;
}

/** Runs the command's work: a failure (the database, a file) is `heed <name>: <message>` and exit code 1. */
export async function runCommand(io: CommandIO, name: string, work: () => Promise<number>): Promise<number> {
  try {
    return await work();
  } catch (err) {
    io.stderr(`heed ${name}: ${errorMessage(err)}\n`);
    return EXIT.failed;
  }
}
