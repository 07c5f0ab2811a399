import type { PlatformAdapter } from '../../adapters/adapter.ts';
import { errorMessage, HeedError } from '../core/errors.ts';
import type { FeedbackCore } from '../core/feedback-core.ts';
import type { Logger } from '../core/ports.ts';

/** How a binding names itself in its errors and logs. */
export interface BindingNames {
  /** The call a team makes, e.g. `heed.slack.register(app)`. */
  call: string;
  /** What it attaches to, e.g. `App`. */
  target: string;
  /** The platform's name in log lines, e.g. `Slack`. */
  platform: string;
}

/**
 * heed on an SDK object the team owns (a Bolt App, a discord.js Client): `register` attaches heed to
 * one of them, once, and hands the adapter to the core; `stop` detaches it with heed.
 */
export abstract class AttachedBinding<Target, Settings> {
  private adapter: PlatformAdapter | undefined;
  protected abstract readonly names: BindingNames;

  constructor(
    protected readonly core: FeedbackCore,
    protected readonly settings: Settings,
    protected readonly logger: Logger,
  ) {}

  /** Attaches heed to your App or Client, once: heed handles only its own ids there (see the subclass). */
  register(target: Target): void {
    const { call, target: what, platform } = this.names;
    if (this.adapter)
      throw new HeedError('config', `${call} was already called: heed attaches to one ${what}.`);
    const adapter = this.adapterFor(target);
    this.adapter = adapter;
    this.core.attachPlatform(adapter);
    // Attached, start() opens no connection (that stays the team's); it only marks the adapter live.
    adapter
      .start()
      .catch((err) => this.logger.error({ err: errorMessage(err) }, `${platform} binding failed to start`));
  }

  async stop(): Promise<void> {
    await this.adapter?.stop();
  }

  /** The adapter heed runs on the team's object. */
  protected abstract adapterFor(target: Target): PlatformAdapter;
}
