import { DISCORD_IDS } from './fake-discord.ts';

/** A Discord user as the tests need one: roles and channel permissions decide moderation. */
export interface DiscordUser {
  id: string;
  username: string;
  globalName?: string;
  roles?: string[];
  /** Permission bits in the interaction's channel (e.g. 1n << 13n for Manage Messages). */
  permissions?: bigint;
}

export const MANAGE_MESSAGES = 1n << 13n;

let counter = 0;
const nextId = () => `${6_000_000_000_000_000_000n + BigInt(++counter)}`;

export const discordUser = (n: number, extra: Partial<DiscordUser> = {}): DiscordUser => ({
  id: `${5_000_000_000_000_000_000n + BigInt(n)}`,
  username: `user${n}`,
  globalName: `User ${n}`,
  ...extra,
});

interface Where {
  channelId?: string;
}

/** The fields every INTERACTION_CREATE must carry for discord.js 14.28 (see TESTING.md). */
function base(type: number, user: DiscordUser, data: object, where: Where = {}) {
  const id = nextId();
  const channelId = where.channelId ?? DISCORD_IDS.channel;
  return {
    id,
    application_id: DISCORD_IDS.app,
    type,
    token: `tok-${id}`,
    version: 1,
    guild_id: DISCORD_IDS.guild,
    channel_id: channelId,
    channel: { id: channelId, type: 0, guild_id: DISCORD_IDS.guild, name: 'general' },
    member: {
      user: {
        id: user.id,
        username: user.username,
        global_name: user.globalName ?? null,
        discriminator: '0',
        avatar: null,
      },
      roles: user.roles ?? [],
      permissions: String(user.permissions ?? 0n),
      joined_at: '2024-01-01T00:00:00.000Z',
      deaf: false,
      mute: false,
      flags: 0,
    },
    app_permissions: '0',
    locale: 'en-US',
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: {},
    context: 0,
    data,
  };
}

export function slashCommand(
  user: DiscordUser,
  name: string,
  options: Record<string, string>,
  where?: Where,
) {
  return base(
    2,
    user,
    {
      id: DISCORD_IDS.app,
      name,
      type: 1,
      options: Object.entries(options).map(([n, value]) => ({ name: n, type: 3, value })),
    },
    where,
  );
}

/** The message a component sits on (discord.js requires `message` for component interactions). */
function message(messageId: string, channelId: string) {
  return {
    id: messageId,
    channel_id: channelId,
    author: { id: DISCORD_IDS.app, username: 'heed', discriminator: '0', avatar: null, bot: true },
    content: '',
    timestamp: '2024-01-01T00:00:00.000Z',
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    components: [],
    pinned: false,
    type: 0,
    flags: 0,
  };
}

export function buttonClick(user: DiscordUser, customId: string, where: Where & { messageId?: string } = {}) {
  const p = base(3, user, { custom_id: customId, component_type: 2 }, where);
  return { ...p, message: message(where.messageId ?? nextId(), p.channel_id) };
}

export function selectChoice(
  user: DiscordUser,
  customId: string,
  values: string[],
  where: Where & { messageId?: string } = {},
) {
  const p = base(3, user, { custom_id: customId, component_type: 3, values }, where);
  return { ...p, message: message(where.messageId ?? nextId(), p.channel_id) };
}

/** A modal submit with Label-wrapped inputs: a string is a text input, an array a string select. */
export function modalSubmit(
  user: DiscordUser,
  customId: string,
  fields: Record<string, string | string[]>,
  where?: Where,
) {
  const components = Object.entries(fields).map(([id, v], n) => ({
    type: 18,
    id: n + 1,
    component: Array.isArray(v)
      ? { type: 3, id: 100 + n, custom_id: id, values: v }
      : { type: 4, id: 100 + n, custom_id: id, value: v },
  }));
  return base(5, user, { custom_id: customId, components }, where);
}
