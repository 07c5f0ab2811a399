import { type App, type Logger as BoltLogger, HTTPReceiver, LogLevel, type webApi } from '@slack/bolt';
import type { SlackConfig } from '../../../src/config.ts';
import { errorMessage, HeedError } from '../../../src/core/errors.ts';
import type { Logger } from '../../../src/core/ports.ts';
import { AckingApp } from './acking-app.ts';
import { redactTokens } from './slack-errors.ts';

/** Transport knobs; production keeps the defaults, tests shorten retries and wait for handlers. */
export interface BoltTuning {
  /** HTTP mode: answer Slack only after the handler finished (tests; FaaS). Default false: ack first. */
  processBeforeResponse?: boolean;
  /** Web API retries. Default: a few quick retries (seconds, never Bolt's 30-minute loop). */
  retryConfig?: webApi.RetryOptions;
  /** Largest accepted request body in bytes (HTTP mode). Default 1 MiB. */
  bodyLimit?: number;
  /** Web API request timeout in ms. Default 10 s. */
  timeoutMs?: number;
}

export const DEFAULT_RETRY: webApi.RetryOptions = {
  retries: 2,
  factor: 2,
  minTimeout: 500,
  maxTimeout: 3000,
};
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** Bolt's logger interface over heed's Logger; token-shaped strings are blanked before they are logged. */
function boltLogger(logger: Logger): BoltLogger {
  let level = LogLevel.INFO;
  let name = 'slack';
  const text = (parts: unknown[]) =>
    redactTokens(
      parts
        .map((p) => (typeof p === 'string' ? p : p instanceof Error ? errorMessage(p) : safeJson(p)))
        .join(' '),
    );
  const at =
    (fn: (o: object, m?: string) => void) =>
    (...parts: unknown[]) =>
      fn({ component: name }, text(parts));
  return {
    debug: at((o, m) => logger.debug(o, m)),
    info: at((o, m) => logger.info(o, m)),
    warn: at((o, m) => logger.warn(o, m)),
    error: at((o, m) => logger.error(o, m)),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: (n) => {
      name = n;
    },
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value)?.slice(0, 2000) ?? String(value);
  } catch {
    return String(value);
  }
}

export interface BoltParts {
  app: App;
  /** Present in HTTP mode: its request listener serves heed's `/slack/events` route. */
  receiver?: HTTPReceiver;
}

export const SLACK_EVENTS_PATH = '/slack/events';

/** Socket Mode when an app token is configured, otherwise HTTP mode on heed's shared listener. */
export function createBoltApp(config: SlackConfig, logger: Logger, tuning: BoltTuning = {}): BoltParts {
  const log = boltLogger(logger);
  const clientOptions: webApi.WebClientOptions = {
    ...(config.apiUrl
      ? { slackApiUrl: config.apiUrl.endsWith('/') ? config.apiUrl : `${config.apiUrl}/` }
      : {}),
    retryConfig: tuning.retryConfig ?? DEFAULT_RETRY,
    // A rate-limited call fails at once (and is logged) instead of blocking a handler for minutes.
    rejectRateLimitedCalls: true,
    timeout: tuning.timeoutMs ?? 10_000,
  };
  const common = {
    token: config.botToken,
    logger: log,
    clientOptions,
    deferInitialization: true,
    // Bolt's conversation store (context.conversation) is unused; off, it costs no lookup per event.
    convoStore: false as const,
  };
  if (config.appToken) {
    return { app: new AckingApp({ ...common, appToken: config.appToken, socketMode: true }, logger) };
  }
  if (!config.signingSecret)
    throw new HeedError(
      'config',
      'Invalid configuration: SLACK_SIGNING_SECRET is required for Slack HTTP mode (or set SLACK_APP_TOKEN for Socket Mode).',
    );
  const receiver = new HTTPReceiver({
    signingSecret: config.signingSecret,
    endpoints: SLACK_EVENTS_PATH,
    processBeforeResponse: tuning.processBeforeResponse ?? false,
    // The receiver is reached only through heed's request gate (events-route.ts), which has verified
    // the signature and timestamp with Bolt's own verifySlackRequest; a second check would repeat it.
    signatureVerification: false,
    bodyLimit: tuning.bodyLimit ?? DEFAULT_BODY_LIMIT,
    logger: log,
  });
  return { app: new AckingApp({ ...common, receiver }, logger), receiver };
}
