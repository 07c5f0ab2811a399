/** Snowflakes the fake and the tests agree on. */
export const DISCORD_IDS = {
  app: '1000000000000000001',
  guild: '2000000000000000001',
  channel: '3000000000000000001',
  moderators: '3000000000000000002',
  digest: '3000000000000000003',
  moderatorRole: '4000000000000000001',
} as const;

export interface RestCall {
  method: string;
  /** Decoded path after `/api/v10`, without the query (e.g. `/webhooks/1/tok/messages/@original`). */
  path: string;
  query: URLSearchParams;
  auth: string | undefined;
  // biome-ignore lint/suspicious/noExplicitAny: recorded JSON; tests read the fields they assert on
  body: any;
  /** Files of a multipart request (`files[n]` parts); the JSON body then came as `payload_json`. */
  files?: { field: string; name: string; contentType: string; bytes: Buffer }[];
  /** What the fake answered (e.g. the created message with its id). */
  // biome-ignore lint/suspicious/noExplicitAny: as above
  response?: any;
}

type MessageBody = {
  content?: string;
  embeds?: unknown[];
  components?: unknown[];
  attachments?: { id: number | string; filename: string; description?: string }[];
} | null;

/** Discord REST's answers for the routes heed uses, as small as discord.js accepts them. */
export class FakeDiscordRest {
  private nextId = 7_000_000_000_000_000_000n;
  private readonly originals = new Map<string, string>();
  private readonly channels = new Map<string, string>();

  constructor(private readonly gatewayUrl: () => string) {}

  snowflake(): string {
    this.nextId += 1n;
    return this.nextId.toString();
  }

  /** Remembers where an interaction happened, so its webhook messages carry that channel. */
  interactionChannel(token: string, channelId: string): void {
    this.channels.set(token, channelId);
  }

  respond(c: RestCall): [number, unknown] {
    for (const [method, pattern, answer] of this.routes) {
      const m = c.method === method ? pattern.exec(c.path) : null;
      if (m) return answer(m, c);
    }
    return [404, { message: 'Unknown route (fake Discord)', code: 0 }];
  }

  private readonly routes: [string, RegExp, (m: RegExpExecArray, c: RestCall) => [number, unknown]][] = [
    [
      'GET',
      /^\/gateway\/bot$/,
      () => [
        200,
        {
          url: this.gatewayUrl(),
          shards: 1,
          session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
        },
      ],
    ],
    [
      'PUT',
      /^\/applications\/\d+(\/guilds\/\d+)?\/commands$/,
      (_, c) => [200, (c.body as object[]).map((cmd) => ({ ...cmd, id: this.snowflake(), version: '1' }))],
    ],
    ['POST', /^\/interactions\/\d+\/[^/]+\/callback$/, () => [204, undefined]],
    [
      'PATCH',
      /^\/webhooks\/\d+\/([^/]+)\/messages\/@original$/,
      (m, c) => [200, this.message(this.originalId(m[1]!), c.body, this.channels.get(m[1]!))],
    ],
    [
      'POST',
      /^\/webhooks\/\d+\/([^/]+)$/,
      (m, c) => [200, this.message(this.snowflake(), c.body, this.channels.get(m[1]!))],
    ],
    ['POST', /^\/channels\/(\d+)\/messages$/, (m, c) => [200, this.message(this.snowflake(), c.body, m[1])]],
    ['PATCH', /^\/channels\/(\d+)\/messages\/(\d+)$/, (m, c) => [200, this.message(m[2]!, c.body, m[1])]],
    [
      'POST',
      /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/,
      (m, c) => [
        200,
        { id: this.snowflake(), type: 11, parent_id: m[1], name: c.body?.name, guild_id: DISCORD_IDS.guild },
      ],
    ],
    [
      'PATCH',
      /^\/channels\/(\d+)$/,
      (m, c) => [200, { id: m[1], type: 11, guild_id: DISCORD_IDS.guild, thread_metadata: c.body }],
    ],
  ];

  /** The deferred reply's message keeps one id across edits, as on Discord. */
  private originalId(token: string): string {
    if (!this.originals.has(token)) this.originals.set(token, this.snowflake());
    return this.originals.get(token)!;
  }

  private message(id: string, body: MessageBody, channelId: string = DISCORD_IDS.channel) {
    return {
      id,
      channel_id: channelId,
      author: { id: DISCORD_IDS.app, username: 'heed', discriminator: '0', avatar: null, bot: true },
      content: body?.content ?? '',
      timestamp: new Date(0).toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: (body?.attachments ?? []).map((a) => ({
        id: this.snowflake(),
        filename: a.filename,
        ...(a.description ? { description: a.description } : {}),
        size: 0,
        url: `https://cdn.invalid/attachments/${a.filename}`,
        proxy_url: `https://cdn.invalid/attachments/${a.filename}`,
      })),
      embeds: body?.embeds ?? [],
      components: body?.components ?? [],
      pinned: false,
      type: 0,
      flags: 0,
    };
  }
}
