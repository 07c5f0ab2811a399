import type { Interaction } from 'discord.js';
import type { Actor } from '../../../src/core/types.ts';

/** The name heed shows for a user: the global display name, else the username. */
export function displayName(i: Interaction): string {
  return i.user.globalName ?? i.user.username;
}

/** Who acted, as the core takes it; `isModerator` is the platform fact the core enforces. */
export function actorOf(i: Interaction, isModerator: boolean): Actor & { isModerator: boolean } {
  return { platform: 'discord', userId: i.user.id, name: displayName(i), isModerator };
}
