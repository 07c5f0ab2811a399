import { z } from 'zod';
import { HeedError } from './core/errors.ts';

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const opt = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());
const withDefault = <T extends z.ZodType>(schema: T, def: z.input<T>) =>
  z.preprocess(blankToUndefined, schema.default(def as never));
const url = (hint: string) => z.url({ message: `must be a URL (${hint})` });
const ids = z.string().transform((s) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean),
);

/** A whole number in [min, max] of `unit`; every message says the range, so one fix is enough. */
function wholeNumber(min: number, max: number, unit: string, note?: string) {
  const range = `must be a whole number of ${unit} from ${min} to ${max}${note ? ` (${note})` : ''}`;
  return z.coerce.number({ message: range }).int(range).min(min, range).max(max, range);
}

/** Every variable of the README's configuration table. Unset or blank means "use the default / off". */
const EnvSchema = z.object({
  MONGODB_URI: opt(z.string().regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://')),
  MONGODB_DB: withDefault(
    z.string().regex(/^[A-Za-z0-9_-]{1,63}$/, 'must be a database name (letters, digits, _ or -)'),
    'heed',
  ),
  HEED_DATA_DIR: withDefault(z.string(), './data'),
  FERRETDB_BIN: opt(z.string()),
  PG_BIN: opt(z.string()),
  PORT: withDefault(z.coerce.number().int().min(0).max(65535), 3000),
  HEED_PLAYGROUND: opt(z.enum(['0', '1'], { message: 'must be 0 or 1' })),
  HEED_PLAYGROUND_TOKEN: opt(
    z.string().min(16, 'must be at least 16 characters (a random secret, e.g. `openssl rand -hex 24`)'),
  ),
  LOG_LEVEL: withDefault(z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']), 'info'),
  SLACK_BOT_TOKEN: opt(z.string().startsWith('xoxb-', 'must be a bot token starting with xoxb-')),
  SLACK_SIGNING_SECRET: opt(z.string().min(1)),
  SLACK_APP_TOKEN: opt(z.string().startsWith('xapp-', 'must be an app-level token starting with xapp-')),
  SLACK_API_URL: opt(url('the Slack Web API base, e.g. https://slack.com/api/')),
  SLACK_MODERATORS_CHANNEL: opt(
    z.string().regex(/^[CGD][A-Z0-9]+$/, 'must be a Slack channel id like C0123ABCD'),
  ),
  SLACK_DIGEST_CHANNEL: opt(
    z.string().regex(/^[CGD][A-Z0-9]+$/, 'must be a Slack channel id like C0123ABCD'),
  ),
  SLACK_MODERATOR_IDS: withDefault(ids, ''),
  DISCORD_TOKEN: opt(z.string().min(1)),
  DISCORD_APPLICATION_ID: opt(z.string().regex(/^\d{5,25}$/, 'must be a numeric Discord id')),
  DISCORD_GUILD_ID: opt(z.string().regex(/^\d{5,25}$/, 'must be a numeric Discord id')),
  DISCORD_MODERATORS_CHANNEL: opt(z.string().regex(/^\d{5,25}$/, 'must be a numeric Discord channel id')),
  DISCORD_DIGEST_CHANNEL: opt(z.string().regex(/^\d{5,25}$/, 'must be a numeric Discord channel id')),
  DISCORD_MODERATOR_ROLE: opt(z.string().regex(/^\d{5,25}$/, 'must be a numeric Discord role id')),
  DISCORD_API_URL: opt(url('the Discord REST base, e.g. https://discord.com/api')),
  OPENAI_API_KEY: opt(z.string().min(1)),
  OPENAI_BASE_URL: opt(url('an OpenAI-compatible API base, e.g. http://localhost:11434/v1')),
  OPENAI_MODEL: withDefault(z.string().min(1), 'gpt-4o-mini'),
  OPENAI_TIMEOUT_MS: withDefault(z.coerce.number().int().min(100).max(600_000), 30_000),
  EMBEDDINGS_BASE_URL: opt(url('an OpenAI-compatible API base, e.g. http://localhost:11434/v1')),
  EMBEDDINGS_MODEL: opt(z.string().min(1)),
  EMBEDDINGS_API_KEY: opt(z.string().min(1)),
  HEED_ANSWER_URL: opt(
    url("the team's agent endpoint heed POSTs questions to, e.g. http://127.0.0.1:8080/answer").refine(
      (u) => /^https?:\/\//i.test(u),
      'must be an http:// or https:// URL',
    ),
  ),
  HEED_ANSWER_SECRET: opt(z.string().min(16, 'must be at least 16 characters (a shared signing secret)')),
  HEED_ANSWER_TIMEOUT_MS: withDefault(wholeNumber(100, 600_000, 'milliseconds'), 30_000),
  HEED_HISTORY_TURNS: withDefault(wholeNumber(0, 50, 'turns', '0 is no thread context'), 6),
  KNOWLEDGE_DIR: withDefault(z.string(), './knowledge'),
  DIGEST_CRON: withDefault(z.string(), '0 9 * * 1'),
  DIGEST_TZ: withDefault(z.string(), 'UTC'),
  REVIEW_WINDOW: withDefault(z.coerce.number().int().min(1).max(1000), 10),
  REVIEW_NEGATIVE_RATE: withDefault(z.coerce.number().min(0).max(1), 0.3),
  REVIEW_MIN_SAMPLES: withDefault(z.coerce.number().int().min(1).max(1000), 3),
  REVIEW_REFRESH_SECONDS: withDefault(wholeNumber(0, 3600, 'seconds', '0 refreshes on every item'), 10),
  HEED_RETENTION_DAYS: opt(wholeNumber(1, 36_500, 'days', 'or unset to keep all text')),
});
/** The validated variables, before loadConfig shapes them (the library reads its own subset). */
export type Env = z.output<typeof EnvSchema>;

export interface SlackConfig {
  botToken: string;
  signingSecret?: string;
  appToken?: string;
  apiUrl?: string;
  moderatorsChannel?: string;
  digestChannel?: string;
  moderatorIds: string[];
}
export interface DiscordConfig {
  token: string;
  applicationId: string;
  guildId?: string;
  moderatorsChannel?: string;
  digestChannel?: string;
  moderatorRole?: string;
  apiUrl?: string;
}
export interface OpenAIConfig {
  apiKey: string;
  baseUrl?: string;
  model: string;
  timeoutMs: number;
}
/** The team's own agent, asked over signed HTTP instead of heed's answerers. */
export interface HttpAnswererConfig {
  url: string;
  secret: string;
  timeoutMs: number;
}

export interface Config {
  mongo: { uri?: string; dbName: string; dataDir: string; ferretdbBin?: string; pgBin?: string };
  port: number;
  playground: boolean;
  /** HEED_PLAYGROUND_TOKEN: only requests carrying it may moderate in the playground. */
  playgroundToken?: string;
  logLevel: Env['LOG_LEVEL'];
  slack?: SlackConfig;
  discord?: DiscordConfig;
  openai?: OpenAIConfig;
  httpAnswerer?: HttpAnswererConfig;
  /** Earlier turns of a thread sent to the answerer (HEED_HISTORY_TURNS). */
  history: { turns: number };
  knowledgeDir: string;
  digest: { cron: string; timezone: string };
  review: { window: number; negativeRate: number; minSamples: number };
  /** A review's root message is rebuilt at most this often (ms). */
  reviewRefreshMs: number;
  /** HEED_RETENTION_DAYS: free text older than this is redacted daily; unset = keep. */
  retentionDays?: number;
  /** EMBEDDINGS_*: group questions by embeddings (lexical grouping when unset or failing). */
  embeddings?: { baseUrl: string; model: string; apiKey: string };
}

function embeddingsConfig(e: Env): Config['embeddings'] {
  if (!e.EMBEDDINGS_BASE_URL && !e.EMBEDDINGS_MODEL) {
    if (e.EMBEDDINGS_API_KEY) fail('EMBEDDINGS_BASE_URL', 'is required when EMBEDDINGS_API_KEY is set');
    return undefined;
  }
  if (!e.EMBEDDINGS_BASE_URL)
    fail('EMBEDDINGS_BASE_URL', 'is required when EMBEDDINGS_MODEL is set (e.g. http://localhost:11434/v1)');
  if (!e.EMBEDDINGS_MODEL)
    fail('EMBEDDINGS_MODEL', 'is required when EMBEDDINGS_BASE_URL is set (e.g. nomic-embed-text)');
  return {
    baseUrl: e.EMBEDDINGS_BASE_URL,
    model: e.EMBEDDINGS_MODEL,
    apiKey: e.EMBEDDINGS_API_KEY ?? 'not-needed',
  };
}

function fail(variable: string, message: string): never {
  throw new HeedError('config', `Invalid configuration: ${variable} ${message}.`);
}

function validTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function validCron(expr: string): boolean {
  const fields = expr.trim().split(/\s+/);
  return (fields.length === 5 || fields.length === 6) && fields.every((f) => /^[\d*,/\-A-Za-z?]+$/.test(f));
}

/** Validates every variable; a bad value throws a HeedError naming the variable and what to set. */
export function parseEnv(env: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    fail(String(issue.path[0]), issue.message);
  }
  return parsed.data;
}

/** Reads and validates configuration; a bad value throws a HeedError naming the variable and what to set. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const e = parseEnv(env);
  if (!validTimezone(e.DIGEST_TZ))
    fail('DIGEST_TZ', 'must be an IANA time zone such as UTC or Europe/Berlin');
  if (!validCron(e.DIGEST_CRON)) fail('DIGEST_CRON', 'must be a cron expression such as "0 9 * * 1"');
  return {
    mongo: {
      uri: e.MONGODB_URI,
      dbName: e.MONGODB_DB,
      dataDir: e.HEED_DATA_DIR,
      ferretdbBin: e.FERRETDB_BIN,
      pgBin: e.PG_BIN,
    },
    port: e.PORT,
    playground:
      e.HEED_PLAYGROUND === '1' || (e.HEED_PLAYGROUND !== '0' && !e.SLACK_BOT_TOKEN && !e.DISCORD_TOKEN),
    playgroundToken: e.HEED_PLAYGROUND_TOKEN,
    logLevel: e.LOG_LEVEL,
    slack: slackConfig(e),
    discord: discordConfig(e),
    openai:
      e.OPENAI_API_KEY || e.OPENAI_BASE_URL
        ? {
            apiKey: e.OPENAI_API_KEY ?? 'not-needed',
            baseUrl: e.OPENAI_BASE_URL,
            model: e.OPENAI_MODEL,
            timeoutMs: e.OPENAI_TIMEOUT_MS,
          }
        : undefined,
    httpAnswerer: httpAnswererConfig(e),
    history: { turns: e.HEED_HISTORY_TURNS },
    knowledgeDir: e.KNOWLEDGE_DIR,
    digest: { cron: e.DIGEST_CRON, timezone: e.DIGEST_TZ },
    review: {
      window: e.REVIEW_WINDOW,
      negativeRate: e.REVIEW_NEGATIVE_RATE,
      minSamples: e.REVIEW_MIN_SAMPLES,
    },
    reviewRefreshMs: e.REVIEW_REFRESH_SECONDS * 1000,
    retentionDays: e.HEED_RETENTION_DAYS,
    embeddings: embeddingsConfig(e),
  };
}

function slackConfig(e: Env): SlackConfig | undefined {
  if (!e.SLACK_BOT_TOKEN) {
    if (e.SLACK_APP_TOKEN || e.SLACK_SIGNING_SECRET)
      fail('SLACK_BOT_TOKEN', 'is required when Slack is configured (xoxb-…)');
    return undefined;
  }
  if (!e.SLACK_APP_TOKEN && !e.SLACK_SIGNING_SECRET) {
    fail('SLACK_SIGNING_SECRET', 'is required for Slack HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)');
  }
  return {
    botToken: e.SLACK_BOT_TOKEN,
    signingSecret: e.SLACK_SIGNING_SECRET,
    appToken: e.SLACK_APP_TOKEN,
    apiUrl: e.SLACK_API_URL,
    moderatorsChannel: e.SLACK_MODERATORS_CHANNEL,
    digestChannel: e.SLACK_DIGEST_CHANNEL,
    moderatorIds: e.SLACK_MODERATOR_IDS,
  };
}

/**
 * Two settings that only work together: both set (true), neither (false, the feature is off), or one
 * alone — an error that names the missing one and why it is needed.
 */
function together(e: Env, a: keyof Env, b: keyof Env, whatA: string, whatB: string): boolean {
  if (!e[a] && !e[b]) return false;
  if (!e[a]) fail(a, `is required when ${b} is set (${whatA})`);
  if (!e[b]) fail(b, `is required when ${a} is set (${whatB})`);
  return true;
}

function discordConfig(e: Env): DiscordConfig | undefined {
  if (!together(e, 'DISCORD_TOKEN', 'DISCORD_APPLICATION_ID', 'the bot token', 'numeric application id'))
    return undefined;
  return {
    token: e.DISCORD_TOKEN!,
    applicationId: e.DISCORD_APPLICATION_ID!,
    guildId: e.DISCORD_GUILD_ID,
    moderatorsChannel: e.DISCORD_MODERATORS_CHANNEL,
    digestChannel: e.DISCORD_DIGEST_CHANNEL,
    moderatorRole: e.DISCORD_MODERATOR_ROLE,
    apiUrl: e.DISCORD_API_URL,
  };
}

function httpAnswererConfig(e: Env): HttpAnswererConfig | undefined {
  const what = ["the team's agent endpoint", 'the shared secret heed signs requests with'] as const;
  if (!together(e, 'HEED_ANSWER_URL', 'HEED_ANSWER_SECRET', ...what)) return undefined;
  return { url: e.HEED_ANSWER_URL!, secret: e.HEED_ANSWER_SECRET!, timeoutMs: e.HEED_ANSWER_TIMEOUT_MS };
}
