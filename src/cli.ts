import { readFile } from 'node:fs/promises';
import type { CommandIO } from './cli/command.ts';
import { loadConfig } from './config.ts';
import { errorMessage } from './core/errors.ts';
import { createLogger } from './logger.ts';
import { type OpenDatabase, openDatabase } from './store/open-database.ts';

const HELP = `heed — human-feedback loop for AI assistants in Slack and Discord

usage: npx heed <command> [options]

  insights [--days N] [--json]        feedback insights for the last N days (default 7)
  digest --dry-run [--json]           print the weekly digest without posting
  digest --post                       post it now (exactly once per period and channel)
  digest ... --chart FILE.png         also write that digest's trend chart (PNG)
  knowledge list|show <id> [--json]   knowledge entries (latest versions / one with its history)
  instructions show|history [--json]  the assistant's instructions and their versions
  cluster --input <file.jsonl> [--json]
                                      group lines with a "text" field; no database needed
  export <dataset> [--format jsonl|csv] [--since DAY] [--until DAY] [--platform P] [--out FILE]
                                      feedback, interactions, reviews, openai-sft, openai-dpo,
                                      trl-dpo, trl-kto (see README, "Your data")
  export user --user <platform>:<id>  everything heed holds about one person, as JSON
  forget --user <platform>:<id> [--yes]
                                      remove a person's text, id and name everywhere (audited)
  retention [--dry-run]               redact text older than HEED_RETENTION_DAYS now (or count it)
  db migrate                          copy an earlier SQLite-backed HEED_DATA_DIR into the database

Configuration comes from the same environment variables as \`npm start\` (see README).
`;

/** Runs one CLI command and returns its exit code. */
export async function runCli(
  argv: string[],
  io: CommandIO,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    io.stdout(HELP);
    return command ? 0 : 2;
  }
  // Each command loads its own modules: `heed export` stays small in memory (see README, "Your data").
  if (command === 'cluster')
    return (await import('./cli/cluster-command.ts')).clusterCommand(args, {
      ...io,
      readFile: (p) => readFile(p, 'utf8'),
      // EMBEDDINGS_* set: group by embeddings (cached for this run only; lexical when the provider fails).
      cluster:
        env.EMBEDDINGS_BASE_URL || env.EMBEDDINGS_MODEL
          ? (await import('./embeddings/grouping.ts')).groupingFor(
              loadConfig(env),
              undefined,
              createLogger(env.LOG_LEVEL ?? 'warn', process.stderr),
            ).cluster
          : undefined,
    });
  if (command === 'db') {
    const logger = createLogger(env.LOG_LEVEL ?? 'warn', process.stderr);
    return (await import('./cli/db-command.ts')).dbCommand(args, {
      config: loadConfig(env),
      env,
      io,
      logger,
    });
  }
  if (
    !['insights', 'digest', 'knowledge', 'instructions', 'export', 'forget', 'retention'].includes(command)
  ) {
    io.stderr(`unknown command: ${command}\n\n${HELP}`);
    return 2;
  }
  const config = loadConfig(env);
  // Logs go to stderr so that stdout stays clean for --json.
  const logger = createLogger(env.LOG_LEVEL ?? 'warn', process.stderr);
  let database: OpenDatabase | undefined;
  try {
    database = await openDatabase(config.mongo, logger, env);
    const { store } = database;
    switch (command) {
      case 'insights':
        return await (await import('./cli/insights-command.ts')).insightsCommand(args, { store, io });
      case 'knowledge':
        return await (await import('./cli/knowledge-command.ts')).knowledgeCommand(args, { store, io });
      case 'instructions':
        return await (await import('./cli/knowledge-command.ts')).instructionsCommand(args, { store, io });
      case 'export':
        return await (await import('./cli/export-command.ts')).exportCommand(args, {
          store,
          io,
          progress: process.stderr,
        });
      case 'forget': {
        const { forgetCommand, terminalConfirm } = await import('./cli/forget-command.ts');
        return await forgetCommand(args, {
          privacy: store.privacy,
          io,
          env,
          confirm: terminalConfirm(),
        });
      }
      case 'retention':
        return await (await import('./cli/retention-command.ts')).retentionCommand(args, {
          privacy: store.privacy,
          io,
          env,
          retentionDays: config.retentionDays,
        });
      default: {
        // Loaded here: the adapters and chart rendering weigh ~100 MB that the other commands never need.
        // One after the other, adapters first: evaluated in parallel, the chart modules loaded before
        // discord.js broke its load ("string \"Set()\" is not iterable" in node-inspect-extracted).
        const { attachAdapters, buildCore } = await import('./compose.ts');
        const { digestCommand } = await import('./cli/digest-command.ts');
        const { core } = buildCore(config, store, logger);
        await attachAdapters(config, core, logger, { playground: false });
        return await digestCommand(args, { core, store, config, io, logger });
      }
    }
  } finally {
    await database?.close();
  }
}

/** Entry point of `npx heed` (src/heed.mjs) and `npm run heed`. */
export function cliMain(argv = process.argv.slice(2)): void {
  const io: CommandIO = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) };
  runCli(argv, io).then(
    (code) => process.exit(code),
    (err: unknown) => {
      io.stderr(`heed: ${errorMessage(err)}\n`);
      process.exit(1);
    },
  );
}

if (import.meta.url === `file://${process.argv[1]}`) cliMain();
