import { HeedError } from '../core/errors.ts';
import type { Logger } from '../core/ports.ts';

/**
 * What `createHeed` accepts: the environment variables of `npm start`, as options. Anything left out
 * falls back to `env` (default `process.env`), then to the same defaults.
 */
export interface HeedOptions {
  /** `MONGODB_URI`; unset → heed starts its embedded database under `dataDir`. */
  mongodbUri?: string;
  /** `MONGODB_DB` (default `heed`). */
  mongodbDb?: string;
  /** `HEED_DATA_DIR` (default `./data`): the embedded database's files. */
  dataDir?: string;
  /** `KNOWLEDGE_DIR`: seed knowledge (Markdown / JSON) loaded at start; none when unset. */
  knowledgeDir?: string;
  /** `LOG_LEVEL` of the default logger (ignored when `logger` is given). */
  logLevel?: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';
  slack?: {
    /** `SLACK_BOT_TOKEN`: only needed when the App has no single token of its own (OAuth installs). */
    botToken?: string;
    moderatorsChannel?: string;
    digestChannel?: string;
    moderatorIds?: readonly string[] | string;
  };
  discord?: { moderatorsChannel?: string; digestChannel?: string; moderatorRole?: string };
  review?: { window?: number; negativeRate?: number; minSamples?: number; refreshSeconds?: number };
  digest?: { cron?: string; timezone?: string };
  openai?: { apiKey?: string; baseUrl?: string; model?: string; timeoutMs?: number };
  /** A pino-compatible logger; default: pino on stdout at `logLevel`. */
  logger?: Logger;
  /** Variables read for anything not given as an option. Default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Run the weekly digest, its retry sweep and retention in this process (default true). */
  scheduler?: boolean;
}

/** Option path → the variable it stands for (the schema in src/config.ts validates both alike). */
const OPTION_VARIABLES: Record<string, string> = {
  mongodbUri: 'MONGODB_URI',
  mongodbDb: 'MONGODB_DB',
  dataDir: 'HEED_DATA_DIR',
  knowledgeDir: 'KNOWLEDGE_DIR',
  logLevel: 'LOG_LEVEL',
  'slack.botToken': 'SLACK_BOT_TOKEN',
  'slack.moderatorsChannel': 'SLACK_MODERATORS_CHANNEL',
  'slack.digestChannel': 'SLACK_DIGEST_CHANNEL',
  'slack.moderatorIds': 'SLACK_MODERATOR_IDS',
  'discord.moderatorsChannel': 'DISCORD_MODERATORS_CHANNEL',
  'discord.digestChannel': 'DISCORD_DIGEST_CHANNEL',
  'discord.moderatorRole': 'DISCORD_MODERATOR_ROLE',
  'review.window': 'REVIEW_WINDOW',
  'review.negativeRate': 'REVIEW_NEGATIVE_RATE',
  'review.minSamples': 'REVIEW_MIN_SAMPLES',
  'review.refreshSeconds': 'REVIEW_REFRESH_SECONDS',
  'digest.cron': 'DIGEST_CRON',
  'digest.timezone': 'DIGEST_TZ',
  'openai.apiKey': 'OPENAI_API_KEY',
  'openai.baseUrl': 'OPENAI_BASE_URL',
  'openai.model': 'OPENAI_MODEL',
  'openai.timeoutMs': 'OPENAI_TIMEOUT_MS',
};
const NOT_VARIABLES = new Set(['logger', 'env', 'scheduler']);
const SECTIONS = new Set(['slack', 'discord', 'review', 'digest', 'openai']);

function bad(message: string): never {
  throw new HeedError('config', `Invalid configuration: ${message}.`);
}

function asVariable(path: string, value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (path === 'slack.moderatorIds' && Array.isArray(value) && value.every((v) => typeof v === 'string'))
    return value.join(',');
  return bad(`${path} must be a ${path === 'slack.moderatorIds' ? 'list of user ids' : 'string'}`);
}

/** The option values as environment variables; an unknown option or a wrong type is refused. */
export function optionsToEnv(options: HeedOptions): Record<string, string> {
  if (typeof options !== 'object' || options === null) bad('createHeed expects an options object');
  const out: Record<string, string> = {};
  const take = (path: string, value: unknown) => {
    if (value === undefined || value === null) return;
    const variable = OPTION_VARIABLES[path];
    if (!variable) bad(`unknown option ${path}`);
    out[variable] = asVariable(path, value);
  };
  for (const [key, value] of Object.entries(options)) {
    if (NOT_VARIABLES.has(key)) continue;
    if (!SECTIONS.has(key)) {
      take(key, value);
      continue;
    }
    if (value === undefined || value === null) continue;
    if (typeof value !== 'object' || Array.isArray(value)) bad(`${key} must be an object of options`);
    for (const [sub, v] of Object.entries(value as Record<string, unknown>)) take(`${key}.${sub}`, v);
  }
  return out;
}

/**
 * A config error about a variable that came from an option names the option too, keeping the
 * variable and the schema's own message: "slack.moderatorsChannel (SLACK_MODERATORS_CHANNEL) must be …".
 */
export function nameTheOption(err: unknown, fromOptions: Record<string, string>): unknown {
  if (!(err instanceof HeedError) || err.code !== 'config') return err;
  const m = /^Invalid configuration: ([A-Z][A-Z0-9_]+) /.exec(err.message);
  const variable = m?.[1];
  if (!variable || !(variable in fromOptions)) return err;
  const path = Object.keys(OPTION_VARIABLES).find((p) => OPTION_VARIABLES[p] === variable);
  return new HeedError('config', err.message.replace(`: ${variable} `, `: ${path} (${variable}) `), {
    cause: err,
  });
}
