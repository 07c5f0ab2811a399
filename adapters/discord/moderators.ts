import { type Interaction, PermissionFlagsBits } from 'discord.js';
import type { DiscordConfig } from '../../src/config.ts';
import type { Actor } from '../../src/core/types.ts';

/**
 * Platform facts only: the member has DISCORD_MODERATOR_ROLE, or Manage Messages in the moderators'
 * channel (the permissions Discord sends are computed for the channel the interaction came from).
 * The core enforces the answer.
 */
export function isDiscordModerator(
  i: Interaction,
  config: Pick<DiscordConfig, 'moderatorRole' | 'moderatorsChannel'>,
): boolean {
  const inModeratorsChannel = !config.moderatorsChannel || i.channelId === config.moderatorsChannel;
  if (inModeratorsChannel && i.memberPermissions?.has(PermissionFlagsBits.ManageMessages)) return true;
  if (!config.moderatorRole || !i.member) return false;
  const roles = i.member.roles;
  // A cached guild gives a GuildMember (role manager); otherwise the raw payload's id list.
  return Array.isArray(roles) ? roles.includes(config.moderatorRole) : roles.cache.has(config.moderatorRole);
}

export function displayName(i: Interaction): string {
  return i.user.globalName ?? i.user.username;
}

export function actorOf(i: Interaction, isModerator: boolean): Actor & { isModerator: boolean } {
  return { platform: 'discord', userId: i.user.id, name: displayName(i), isModerator };
}

export function refusalText(config: Pick<DiscordConfig, 'moderatorRole'>): string {
  const who = config.moderatorRole
    ? `members with the <@&${config.moderatorRole}> role or Manage Messages in the moderators' channel`
    : "members with Manage Messages in the moderators' channel";
  return `Only moderators can act on reviews (${who}). Nothing was changed.`;
}
