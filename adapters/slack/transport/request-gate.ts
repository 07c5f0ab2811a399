import type { IncomingMessage } from 'node:http';
import { HTTPModuleFunctions, verifySlackRequest } from '@slack/bolt';
import type { Metrics } from '../../../src/core/ports.ts';

const FORM = 'application/x-www-form-urlencoded';

export type GateRefusal = { status: 400 | 401 | 413 | 415; reason: string };

/**
 * heed's check in front of Bolt's HTTPReceiver: reads the body once (Bolt reuses the buffered copy; its
 * own signature check is off, this one is the check), refuses missing, stale or forged signatures with 401 — counted in
 * `slack_signature_failures_total` — and bodies that are no Slack payload at all with 400/415, so that
 * nothing Bolt cannot route is left waiting for its 3-second timeout.
 */
export async function gateSlackRequest(
  req: IncomingMessage,
  opts: { signingSecret: string; bodyLimit: number; metrics: Metrics },
): Promise<GateRefusal | null> {
  let raw: string;
  try {
    raw = (await HTTPModuleFunctions.bufferIncomingMessage(req, opts.bodyLimit)).rawBody.toString();
  } catch (err) {
    const tooLarge = HTTPModuleFunctions.isRawBodyError(err) && err.statusCode === 413;
    return tooLarge ? { status: 413, reason: 'too large' } : { status: 400, reason: 'unreadable body' };
  }
  const type = contentType(req);
  const form = type === FORM ? new URLSearchParams(raw) : undefined;
  // Slack's unsigned ssl_check: Bolt answers it (and strips anything smuggled alongside).
  if (form?.get('ssl_check') === '1') return null;

  const signature = req.headers['x-slack-signature'];
  const timestamp = req.headers['x-slack-request-timestamp'];
  if (typeof signature !== 'string' || typeof timestamp !== 'string' || !/^\d{1,12}$/.test(timestamp))
    return signatureFailure(opts.metrics, 'missing');
  try {
    verifySlackRequest({
      signingSecret: opts.signingSecret,
      body: raw,
      headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': Number(timestamp) },
    });
  } catch (err) {
    return signatureFailure(opts.metrics, /stale/.test(String(err)) ? 'stale' : 'mismatch');
  }

  // Bolt parses form bodies only with exactly this content type, everything else as JSON.
  if (type !== FORM && type !== 'application/json')
    return { status: 415, reason: 'not a Slack content type' };
  if (form && !form.has('payload') && !form.has('command'))
    return { status: 400, reason: 'form without payload or command' };
  const json = form ? form.get('payload') : raw;
  if (json === null) return null; // a slash command: plain form fields
  try {
    const parsed: unknown = JSON.parse(json);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
      return { status: 400, reason: 'payload is not a JSON object' };
  } catch {
    return { status: 400, reason: 'payload is not JSON' };
  }
  return null;
}

function contentType(req: IncomingMessage): string {
  const header = req.headers['content-type'] ?? '';
  // Bolt compares the form type exactly (a `; charset` suffix would be parsed as JSON); JSON may carry one.
  if (header === FORM) return FORM;
  const media = header.split(';')[0]!.trim().toLowerCase();
  return media === 'application/json' ? media : `other:${media}`;
}

function signatureFailure(metrics: Metrics, reason: 'missing' | 'stale' | 'mismatch'): GateRefusal {
  metrics.inc('slack_signature_failures_total', { reason });
  return { status: 401, reason: `signature ${reason}` };
}
