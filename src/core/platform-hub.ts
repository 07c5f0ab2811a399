import { errorMessage, HeedError } from './errors.ts';
import type { ChatPlatform, Logger } from './ports.ts';
import type { Platform, ThreadRef } from './types.ts';

/** The adapters attached to the core. Platform failures are logged here and never undo stored data. */
export class PlatformHub {
  private readonly platforms = new Map<Platform, ChatPlatform>();
  constructor(private readonly logger: Logger) {}

  attach(platform: ChatPlatform): void {
    this.platforms.set(platform.platform, platform);
  }

  get(platform: Platform): ChatPlatform | undefined {
    return this.platforms.get(platform);
  }

  all(): ChatPlatform[] {
    return [...this.platforms.values()];
  }

  /** The origin platform first, then the others: a review goes where moderators can see it. */
  preferring(origin: Platform): ChatPlatform[] {
    const first = this.platforms.get(origin);
    return first ? [first, ...this.all().filter((p) => p !== first)] : this.all();
  }

  async safely<T>(
    what: string,
    thread: Partial<ThreadRef> | undefined,
    fn: () => Promise<T>,
  ): Promise<T | undefined> {
    try {
      return await fn();
    } catch (err) {
      const context = err instanceof HeedError ? err.context : undefined;
      this.logger.error({ ...context, err: errorMessage(err), what, thread }, 'platform call failed');
      return undefined;
    }
  }
}
