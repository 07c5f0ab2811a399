import type { Logger as CronLogger } from 'node-cron';
import { errorMessage } from '../core/errors.ts';
import type { Logger } from '../core/ports.ts';

/** node-cron's logger interface on top of heed's structured logger (node-cron would print to the console). */
export function cronLogger(logger: Logger): CronLogger {
  const withErr = (level: 'error' | 'debug') => (message: string | Error, err?: Error) =>
    logger[level]({ ...(err ? { err: errorMessage(err) } : {}) }, errorMessage(message));
  return {
    info: (message) => logger.info({}, message),
    warn: (message) => logger.warn({}, message),
    error: withErr('error'),
    debug: withErr('debug'),
  };
}
