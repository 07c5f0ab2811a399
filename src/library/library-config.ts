import { type Config, loadConfig, parseEnv } from '../config.ts';
import { type HeedOptions, nameTheOption, optionsToEnv } from './options.ts';

/** What heed needs of Slack when it rides on the team's App: where reviews and digests go, who moderates. */
export interface AttachedSlackSettings {
  botToken?: string;
  moderatorsChannel?: string;
  digestChannel?: string;
  moderatorIds: string[];
}
export interface AttachedDiscordSettings {
  moderatorsChannel?: string;
  digestChannel?: string;
  moderatorRole?: string;
}

export interface LibraryConfig {
  config: Config;
  /** The merged variables (options over `env`), e.g. for the embedded database's PG_BIN. */
  env: NodeJS.ProcessEnv;
  slack: AttachedSlackSettings;
  discord: AttachedDiscordSettings;
  /** Seed knowledge directory, only when one was asked for (a team's project has no ./knowledge). */
  seedDir?: string;
}

/**
 * Options over environment variables, validated by the one schema of src/config.ts (same messages).
 * The team's own app owns its tokens, transport and HTTP port, so those variables play no part here.
 */
export function libraryConfig(options: HeedOptions): LibraryConfig {
  const fromOptions = optionsToEnv(options);
  const env: NodeJS.ProcessEnv = { ...(options.env ?? process.env), ...fromOptions };
  try {
    const vars = parseEnv(env);
    const config = loadConfig({
      ...env,
      SLACK_BOT_TOKEN: '',
      SLACK_APP_TOKEN: '',
      SLACK_SIGNING_SECRET: '',
      DISCORD_TOKEN: '',
      DISCORD_APPLICATION_ID: '',
      HEED_PLAYGROUND: '0',
    });
    return {
      config,
      env,
      slack: {
        botToken: vars.SLACK_BOT_TOKEN,
        moderatorsChannel: vars.SLACK_MODERATORS_CHANNEL,
        digestChannel: vars.SLACK_DIGEST_CHANNEL,
        moderatorIds: vars.SLACK_MODERATOR_IDS,
      },
      discord: {
        moderatorsChannel: vars.DISCORD_MODERATORS_CHANNEL,
        digestChannel: vars.DISCORD_DIGEST_CHANNEL,
        moderatorRole: vars.DISCORD_MODERATOR_ROLE,
      },
      ...(env.KNOWLEDGE_DIR?.trim() ? { seedDir: config.knowledgeDir } : {}),
    };
  } catch (err) {
    throw nameTheOption(err, fromOptions);
  }
}
