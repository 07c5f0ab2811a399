import { createHmac } from 'node:crypto';

const TIMESTAMP_HEADER = 'x-heed-request-timestamp';
const SIGNATURE_HEADER = 'x-heed-signature';

/**
 * Slack's request-signing scheme, so an agent can reuse a verifier it has: `v0=` + hex
 * HMAC-SHA256(secret, `v0:${timestamp}:${rawBody}`), the timestamp in unix seconds.
 */
export function signRequest(
  secret: string,
  rawBody: string,
  timestampSeconds: number,
): Record<string, string> {
  const ts = String(timestampSeconds);
  const mac = createHmac('sha256', secret).update(`v0:${ts}:${rawBody}`).digest('hex');
  return { [TIMESTAMP_HEADER]: ts, [SIGNATURE_HEADER]: `v0=${mac}` };
}
