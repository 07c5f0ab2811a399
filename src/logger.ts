import { pino } from 'pino';
import type { Logger } from './core/ports.ts';

/** Paths pino blanks out wherever they appear in a log line: tokens, secrets, keys, auth headers. */
const REDACT_PATHS = [
  'token',
  '*.token',
  'botToken',
  '*.botToken',
  'appToken',
  '*.appToken',
  'signingSecret',
  '*.signingSecret',
  'apiKey',
  '*.apiKey',
  'password',
  '*.password',
  'uri',
  '*.uri',
  'headers.authorization',
  '*.headers.authorization',
  'req.headers.authorization',
  'req.headers["x-slack-signature"]',
];

export function createLogger(level = 'info', destination?: NodeJS.WritableStream): Logger {
  const options = { level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: { app: 'heed' } };
  return (destination ? pino(options, destination) : pino(options)) as unknown as Logger;
}
