import { type Interaction, PermissionFlagsBits } from 'discord.js';
import type { DiscordConfig } from '../../src/config.ts';
import type { ModeratorCheck } from '../adapter.ts';

/**
 * Platform facts only: the member has DISCORD_MODERATOR_ROLE, or Manage Messages in the moderators'
 * channel (the permissions Discord sends are computed for the channel the interaction came from).
 * The core enforces the answer.
 */
export class DiscordModerators implements ModeratorCheck<Interaction> {
  constructor(private readonly config: Pick<DiscordConfig, 'moderatorRole' | 'moderatorsChannel'>) {}

  isModerator(i: Interaction): boolean {
    const { moderatorRole, moderatorsChannel } = this.config;
    const inModeratorsChannel = !moderatorsChannel || i.channelId === moderatorsChannel;
    if (inModeratorsChannel && i.memberPermissions?.has(PermissionFlagsBits.ManageMessages)) return true;
    if (!moderatorRole || !i.member) return false;
    const roles = i.member.roles;
    // A cached guild gives a GuildMember (role manager); otherwise the raw payload's id list.
    return Array.isArray(roles) ? roles.includes(moderatorRole) : roles.cache.has(moderatorRole);
  }
}
