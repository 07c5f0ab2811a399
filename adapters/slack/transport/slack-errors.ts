import { errorMessage } from '../../../src/core/errors.ts';

/** What a Slack Web API failure was, for logs (never tokens) and for choosing the user's message. */
export interface SlackErrorInfo {
  /** The SDK's error code, e.g. slack_webapi_platform_error. */
  code: string;
  /** Slack's own error string, e.g. channel_not_found, not_in_channel, invalid_auth. */
  slackError?: string;
  retryAfterSec?: number;
  httpStatus?: number;
}

export function slackErrorInfo(err: unknown): SlackErrorInfo | null {
  const cause = err instanceof Error && err.cause ? err.cause : err;
  if (typeof cause !== 'object' || cause === null) return null;
  const e = cause as {
    code?: unknown;
    data?: { error?: unknown };
    retryAfter?: unknown;
    statusCode?: unknown;
  };
  if (typeof e.code !== 'string' || !e.code.startsWith('slack_')) return null;
  const info: SlackErrorInfo = { code: e.code };
  if (typeof e.data?.error === 'string') info.slackError = e.data.error;
  if (typeof e.retryAfter === 'number') {
    info.retryAfterSec = e.retryAfter;
    info.slackError ??= 'ratelimited';
  }
  if (typeof e.statusCode === 'number') info.httpStatus = e.statusCode;
  return info;
}

/** A log-safe description of any error (message plus Slack details when it is a Slack API failure). */
export function errorContext(err: unknown): Record<string, unknown> {
  const slack = slackErrorInfo(err);
  return { err: redactTokens(errorMessage(err)), ...(slack ? { slack } : {}) };
}

const TOKEN = /\bx(?:ox[abposr]|app)-[A-Za-z0-9-]+/g;
export function redactTokens(text: string): string {
  return text.replace(TOKEN, '[redacted]');
}
