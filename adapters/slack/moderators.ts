import type { webApi } from '@slack/bolt';
import type { Clock, Logger } from '../../src/core/ports.ts';
import type { ModeratorCheck } from '../adapter.ts';
import { errorContext } from './transport/slack-errors.ts';

const MAX_PAGES = 50;

/**
 * Who may act on reviews: members of the moderators' channel (conversations.members, paginated and
 * cached briefly) or ids listed in SLACK_MODERATOR_IDS. A failed lookup means "not a moderator".
 */
export class ModeratorDirectory implements ModeratorCheck<string> {
  private cache: { members: Set<string>; at: number } | null = null;
  private pending: Promise<Set<string>> | null = null;

  constructor(
    private readonly client: webApi.WebClient,
    private readonly cfg: { channel?: string; ids: readonly string[] },
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly ttlMs = 60_000,
  ) {}

  async isModerator(userId: string): Promise<boolean> {
    if (this.cfg.ids.includes(userId)) return true;
    if (!this.cfg.channel) return false;
    const members = await this.members();
    return members.has(userId);
  }

  private async members(): Promise<Set<string>> {
    const now = this.clock.now().getTime();
    if (this.cache && now - this.cache.at < this.ttlMs) return this.cache.members;
    this.pending ??= this.fetch().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  private async fetch(): Promise<Set<string>> {
    const channel = this.cfg.channel!;
    const members = new Set<string>();
    try {
      let cursor: string | undefined;
      for (let page = 0; page < MAX_PAGES; page += 1) {
        const res = await this.client.conversations.members({ channel, limit: 200, cursor });
        for (const m of res.members ?? []) members.add(m);
        cursor = res.response_metadata?.next_cursor || undefined;
        if (!cursor) break;
      }
    } catch (err) {
      this.logger.error({ ...errorContext(err), channel }, 'could not list the moderators channel members');
      return members;
    }
    this.cache = { members, at: this.clock.now().getTime() };
    return members;
  }
}
