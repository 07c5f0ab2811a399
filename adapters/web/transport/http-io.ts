import type { IncomingMessage, ServerResponse } from 'node:http';

/** Largest JSON body the playground accepts; questions and corrections are far below it. */
export const MAX_BODY_BYTES = 64 * 1024;

/** An HTTP-level refusal (bad JSON, too large, wrong method) that never reaches the core. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(text);
}

/**
 * Reads a JSON object body. Only `application/json` is accepted: a cross-site page cannot send that
 * without a CORS preflight, which heed never grants, so other sites cannot drive the playground.
 */
export async function readJsonObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') {
    req.resume();
    throw new HttpError(415, 'Send the body as application/json.');
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) {
    req.resume();
    throw new HttpError(413, `The body is larger than ${MAX_BODY_BYTES} bytes.`);
  }
  const raw = await readLimited(req);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new HttpError(400, 'The body is not valid JSON.');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new HttpError(400, 'The body must be a JSON object.');
  return parsed as Record<string, unknown>;
}

function readLimited(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
      // A sender that keeps going far past the limit is cut off instead of being drained forever.
      if (size > MAX_BODY_BYTES * 16) req.destroy();
    });
    req.on('end', () =>
      tooLarge
        ? reject(new HttpError(413, `The body is larger than ${MAX_BODY_BYTES} bytes.`))
        : resolve(Buffer.concat(chunks).toString('utf8')),
    );
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) reject(new HttpError(400, 'The request body was cut off.'));
    });
  });
}
