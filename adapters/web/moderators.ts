import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { ModeratorCheck } from '../adapter.ts';

/**
 * Who may moderate in the playground. The request body never decides it:
 * - with a token (HEED_PLAYGROUND_TOKEN, required when heed listens beyond loopback), only requests
 *   carrying `Authorization: Bearer <token>` may moderate;
 * - without one, the page's Moderator switch (header `x-heed-moderator: 1`) counts, and only for
 *   requests from this machine (loopback): the playground is then one person's tool.
 */
export interface PlaygroundAccess {
  token?: string;
}

const MODERATOR_HEADER = 'x-heed-moderator';

/** The playground's platform facts about moderators, read from the HTTP request. */
export class WebModerators implements ModeratorCheck<IncomingMessage> {
  constructor(private readonly access: PlaygroundAccess = {}) {}

  isModerator(req: IncomingMessage): boolean {
    if (this.access.token) return bearerMatches(req.headers.authorization, this.access.token);
    return isLoopbackAddress(req.socket.remoteAddress) && req.headers[MODERATOR_HEADER] === '1';
  }
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  if (!m) return false;
  const given = Buffer.from(m[1]!);
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** 127.0.0.0/8, ::1 and their IPv4-mapped forms. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4 === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/** A listen host that only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || isLoopbackAddress(host);
}
